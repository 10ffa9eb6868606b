using System.Net;
using Swarmgrid.BitTorrent.Tracker;

namespace Swarmgrid.BitTorrent.Dht;

/// <summary>
/// Peers announced to us (announce_peer), by info-hash, each kept 30 minutes; bounded in info-hashes and in peers
/// per info-hash so that a flood of announces cannot grow it without end. Not thread-safe.
/// </summary>
internal sealed class DhtPeerStore(TimeProvider time, int maxInfoHashes, int maxPeersPerInfoHash)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    private readonly Dictionary<TrackerHash, Dictionary<PeerEndpoint, long>> swarms = [];

    public int InfoHashCount => swarms.Count;

    public int PeerCount => swarms.Values.Sum(s => s.Count);

    public IEnumerable<TrackerHash> InfoHashes => swarms.Keys;

    /// <summary>Stores a peer; false when the store is full.</summary>
    public bool Add(TrackerHash infoHash, IPEndPoint peer)
    {
        if (!swarms.TryGetValue(infoHash, out var swarm))
        {
            if (swarms.Count >= maxInfoHashes)
            {
                return false;
            }
            swarms[infoHash] = swarm = [];
        }
        var endpoint = PeerEndpoint.From(peer);
        if (!swarm.ContainsKey(endpoint) && swarm.Count >= maxPeersPerInfoHash)
        {
            return false;
        }
        swarm[endpoint] = time.GetTimestamp();
        return true;
    }

    /// <summary>Up to <paramref name="count"/> peers of the family, chosen at random.</summary>
    public List<PeerEndpoint> Peers(TrackerHash infoHash, bool ipv6, int count) =>
        swarms.TryGetValue(infoHash, out var swarm)
            ? swarm.Keys.Where(p => p.IsIPv6 == ipv6).OrderBy(_ => Random.Shared.Next()).Take(count).ToList()
            : [];

    /// <summary>Up to <paramref name="count"/> info-hashes chosen at random.</summary>
    public List<TrackerHash> Sample(int count) => swarms.Keys.OrderBy(_ => Random.Shared.Next()).Take(count).ToList();

    /// <summary>Forgets peers announced more than 30 minutes ago.</summary>
    public void Expire()
    {
        foreach (var (hash, swarm) in swarms.ToList())
        {
            foreach (var (peer, at) in swarm.ToList())
            {
                if (time.GetElapsedTime(at) > Lifetime)
                {
                    swarm.Remove(peer);
                }
            }
            if (swarm.Count == 0)
            {
                swarms.Remove(hash);
            }
        }
    }
}
