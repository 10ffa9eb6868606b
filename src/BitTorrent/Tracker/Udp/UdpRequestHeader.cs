using System.Buffers.Binary;

namespace Swarmgrid.BitTorrent.Tracker.Udp;

/// <summary>
/// The 16 bytes every BEP 15 request starts with, which a server reads first to dispatch a datagram and to answer
/// a bad one with an error carrying its transaction id.
/// </summary>
/// <param name="ConnectionId">The connection id (the protocol id in a connect request).</param>
/// <param name="Action">The action; may be a value outside <see cref="UdpTrackerAction"/> in junk.</param>
/// <param name="TransactionId">The client's transaction id, echoed in the response.</param>
public readonly record struct UdpRequestHeader(long ConnectionId, UdpTrackerAction Action, int TransactionId)
{
    /// <summary>Bytes in the header.</summary>
    public const int Size = 16;

    /// <summary>Reads the header; false only when the packet is shorter than 16 bytes.</summary>
    public static bool TryRead(ReadOnlySpan<byte> packet, out UdpRequestHeader header)
    {
        if (packet.Length < Size)
        {
            header = default;
            return false;
        }
        header = new UdpRequestHeader(
            BinaryPrimitives.ReadInt64BigEndian(packet),
            (UdpTrackerAction)BinaryPrimitives.ReadInt32BigEndian(packet[8..]),
            BinaryPrimitives.ReadInt32BigEndian(packet[12..]));
        return true;
    }

    internal void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteInt64BigEndian(destination, ConnectionId);
        BinaryPrimitives.WriteInt32BigEndian(destination[8..], (int)Action);
        BinaryPrimitives.WriteInt32BigEndian(destination[12..], TransactionId);
    }
}
