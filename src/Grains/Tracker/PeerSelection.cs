using System.Buffers.Binary;
using Swarmgrid.GrainInterfaces.Tracker;

namespace Swarmgrid.Grains.Tracker;

/// <summary>Writes selected peers straight into exactly-sized compact arrays (BEP 23 and BEP 7) and id arrays.</summary>
internal static class PeerSelection
{
    public static SwarmPeers Write(ReadOnlySpan<PeerStore.SelectedPeer> selected, bool includePeerIds, int complete, int incomplete)
    {
        var v6Count = 0;
        foreach (var peer in selected)
        {
            v6Count += peer.Address.Length == 16 ? 1 : 0;
        }
        var v4Count = selected.Length - v6Count;
        var peers4 = new byte[v4Count * 6];
        var peers6 = v6Count == 0 ? [] : new byte[v6Count * 18];
        var ids4 = includePeerIds ? new byte[v4Count * 20] : null;
        var ids6 = includePeerIds ? new byte[v6Count * 20] : null;

        int at4 = 0, at6 = 0;
        foreach (var peer in selected)
        {
            if (peer.Address.Length == 4)
            {
                Write(peer, peers4.AsSpan(at4 * 6, 6), ids4 is null ? [] : ids4.AsSpan(at4 * 20, 20));
                at4++;
            }
            else
            {
                Write(peer, peers6.AsSpan(at6 * 18, 18), ids6 is null ? [] : ids6.AsSpan(at6 * 20, 20));
                at6++;
            }
        }
        return new SwarmPeers(complete, incomplete, peers4, peers6, ids4, ids6);
    }

    private static void Write(in PeerStore.SelectedPeer peer, Span<byte> compact, Span<byte> id)
    {
        peer.Address.CopyTo(compact);
        BinaryPrimitives.WriteUInt16BigEndian(compact[peer.Address.Length..], peer.Port);
        if (!id.IsEmpty)
        {
            peer.Id.CopyTo(id);
        }
    }
}
