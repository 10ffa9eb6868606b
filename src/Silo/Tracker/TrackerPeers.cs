using Swarmgrid.BitTorrent.Tracker;
using Swarmgrid.GrainInterfaces.Tracker;

namespace Swarmgrid.Silo.Tracker;

/// <summary>Unpacks a swarm's compact answer into peers for the dictionary model (<c>compact=0</c>).</summary>
public static class TrackerPeers
{
    public static TrackerPeer[] From(SwarmPeers peers)
    {
        var v4 = peers.Peers4.Length / PeerEndpoint.CompactIPv4Size;
        var v6 = peers.Peers6.Length / PeerEndpoint.CompactIPv6Size;
        var result = new TrackerPeer[v4 + v6];
        for (var i = 0; i < v4; i++)
        {
            result[i] = new TrackerPeer(
                PeerEndpoint.ReadCompactIPv4(peers.Peers4.AsSpan(i * PeerEndpoint.CompactIPv4Size)),
                peers.PeerIds4 is { } ids ? TrackerHash.FromBytes(ids.AsSpan(i * TrackerHash.Size, TrackerHash.Size)) : null);
        }
        for (var i = 0; i < v6; i++)
        {
            result[v4 + i] = new TrackerPeer(
                PeerEndpoint.ReadCompactIPv6(peers.Peers6.AsSpan(i * PeerEndpoint.CompactIPv6Size)),
                peers.PeerIds6 is { } ids ? TrackerHash.FromBytes(ids.AsSpan(i * TrackerHash.Size, TrackerHash.Size)) : null);
        }
        return result;
    }
}
