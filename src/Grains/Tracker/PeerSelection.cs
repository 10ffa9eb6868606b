using System.Buffers.Binary;
using Swarmgrid.GrainInterfaces.Tracker;

namespace Swarmgrid.Grains.Tracker;

/// <summary>Accumulates selected peers straight into the compact wire layouts (BEP 23 and BEP 7).</summary>
internal sealed class PeerSelection(int capacity, bool includePeerIds)
{
    private readonly MemoryStream peers4 = new(capacity * 6);
    private readonly MemoryStream peers6 = new();
    private readonly MemoryStream? ids4 = includePeerIds ? new(capacity * 20) : null;
    private readonly MemoryStream? ids6 = includePeerIds ? new() : null;

    public int Count { get; private set; }

    public void Add(byte[] address, ushort port, byte[] peerId)
    {
        Span<byte> portBytes = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(portBytes, port);
        var (peers, ids) = address.Length == 4 ? (peers4, ids4) : (peers6, ids6);
        peers.Write(address);
        peers.Write(portBytes);
        ids?.Write(peerId);
        Count++;
    }

    public SwarmPeers ToPeers(int complete, int incomplete) =>
        new(complete, incomplete, peers4.ToArray(), peers6.ToArray(), ids4?.ToArray(), ids6?.ToArray());
}
