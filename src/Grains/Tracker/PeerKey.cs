using System.Buffers.Binary;

namespace Swarmgrid.Grains.Tracker;

/// <summary>A 20-byte peer id as three integers: a cheap dictionary key without per-lookup allocation.</summary>
public readonly record struct PeerKey(ulong High, ulong Middle, uint Low)
{
    public static PeerKey From(ReadOnlySpan<byte> peerId) => new(
        BinaryPrimitives.ReadUInt64BigEndian(peerId),
        BinaryPrimitives.ReadUInt64BigEndian(peerId[8..]),
        BinaryPrimitives.ReadUInt32BigEndian(peerId[16..]));
}
