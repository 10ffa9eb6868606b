using System.Text;

namespace Swarmgrid.BitTorrent.Tracker.Udp;

/// <summary>An error response (BEP 15): action 3, transaction id, then the message as UTF-8 to the end of the packet.</summary>
/// <param name="TransactionId">The transaction id of the request refused.</param>
/// <param name="Message">Why it was refused.</param>
public readonly record struct UdpErrorResponse(int TransactionId, string Message)
{
    /// <summary>Writes the response and returns the bytes written.</summary>
    /// <exception cref="ArgumentException">The destination is too small.</exception>
    public int Encode(Span<byte> destination)
    {
        var length = Encoding.UTF8.GetByteCount(Message);
        UdpPacket.EnsureRoom(destination, UdpResponseHeader.Size + length);
        new UdpResponseHeader(UdpTrackerAction.Error, TransactionId).Write(destination);
        return UdpResponseHeader.Size + Encoding.UTF8.GetBytes(Message, destination[UdpResponseHeader.Size..]);
    }

    /// <summary>Writes an error response from a UTF-8 message (e.g. a <c>u8</c> literal) without allocating.</summary>
    /// <exception cref="ArgumentException">The destination is too small.</exception>
    public static int Encode(Span<byte> destination, int transactionId, ReadOnlySpan<byte> utf8Message)
    {
        UdpPacket.EnsureRoom(destination, UdpResponseHeader.Size + utf8Message.Length);
        new UdpResponseHeader(UdpTrackerAction.Error, transactionId).Write(destination);
        utf8Message.CopyTo(destination[UdpResponseHeader.Size..]);
        return UdpResponseHeader.Size + utf8Message.Length;
    }

    /// <summary>
    /// Decodes an error response; false for fewer than 8 bytes or another action. Invalid UTF-8 in the message is
    /// replaced with U+FFFD.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> packet, out UdpErrorResponse response)
    {
        response = default;
        if (!UdpResponseHeader.TryRead(packet, out var header) || header.Action != UdpTrackerAction.Error)
        {
            return false;
        }
        response = new UdpErrorResponse(header.TransactionId, Encoding.UTF8.GetString(packet[UdpResponseHeader.Size..]));
        return true;
    }
}
