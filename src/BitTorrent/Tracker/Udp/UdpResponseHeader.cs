using System.Buffers.Binary;

namespace Swarmgrid.BitTorrent.Tracker.Udp;

/// <summary>
/// The 8 bytes every BEP 15 response starts with, which a client reads first to match the transaction and to see
/// whether the tracker answered with an <see cref="UdpTrackerAction.Error"/>.
/// </summary>
/// <param name="Action">The action; may be a value outside <see cref="UdpTrackerAction"/> in junk.</param>
/// <param name="TransactionId">The transaction id of the request answered.</param>
public readonly record struct UdpResponseHeader(UdpTrackerAction Action, int TransactionId)
{
    /// <summary>Bytes in the header.</summary>
    public const int Size = 8;

    /// <summary>Reads the header; false only when the packet is shorter than 8 bytes.</summary>
    public static bool TryRead(ReadOnlySpan<byte> packet, out UdpResponseHeader header)
    {
        if (packet.Length < Size)
        {
            header = default;
            return false;
        }
        header = new UdpResponseHeader(
            (UdpTrackerAction)BinaryPrimitives.ReadInt32BigEndian(packet),
            BinaryPrimitives.ReadInt32BigEndian(packet[4..]));
        return true;
    }

    internal void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteInt32BigEndian(destination, (int)Action);
        BinaryPrimitives.WriteInt32BigEndian(destination[4..], TransactionId);
    }
}
