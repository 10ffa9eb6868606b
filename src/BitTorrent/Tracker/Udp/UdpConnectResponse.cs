using System.Buffers.Binary;

namespace Swarmgrid.BitTorrent.Tracker.Udp;

/// <summary>A connect response (BEP 15): action 0, transaction id, connection id; 16 bytes.</summary>
/// <param name="TransactionId">The transaction id of the connect request.</param>
/// <param name="ConnectionId">The id the client puts in its announces and scrapes.</param>
public readonly record struct UdpConnectResponse(int TransactionId, long ConnectionId)
{
    /// <summary>Bytes in the packet.</summary>
    public const int Size = 16;

    /// <summary>Writes the 16 bytes and returns 16.</summary>
    /// <exception cref="ArgumentException">The destination is shorter than <see cref="Size"/>.</exception>
    public int Encode(Span<byte> destination)
    {
        UdpPacket.EnsureRoom(destination, Size);
        new UdpResponseHeader(UdpTrackerAction.Connect, TransactionId).Write(destination);
        BinaryPrimitives.WriteInt64BigEndian(destination[8..], ConnectionId);
        return Size;
    }

    /// <summary>Decodes a connect response; false for fewer than 16 bytes or another action. Extra bytes are ignored.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> packet, out UdpConnectResponse response)
    {
        response = default;
        if (packet.Length < Size || !UdpResponseHeader.TryRead(packet, out var header) || header.Action != UdpTrackerAction.Connect)
        {
            return false;
        }
        response = new UdpConnectResponse(header.TransactionId, BinaryPrimitives.ReadInt64BigEndian(packet[8..]));
        return true;
    }
}
