namespace Swarmgrid.BitTorrent.Tracker.Udp;

/// <summary>A connect request (BEP 15): protocol id, action 0, transaction id; 16 bytes.</summary>
/// <param name="TransactionId">The client's transaction id.</param>
public readonly record struct UdpConnectRequest(int TransactionId)
{
    /// <summary>The magic constant in place of a connection id.</summary>
    public const long ProtocolId = 0x41727101980;

    /// <summary>Bytes in the packet.</summary>
    public const int Size = 16;

    /// <summary>Writes the 16 bytes and returns 16.</summary>
    /// <exception cref="ArgumentException">The destination is shorter than <see cref="Size"/>.</exception>
    public int Encode(Span<byte> destination)
    {
        UdpPacket.EnsureRoom(destination, Size);
        new UdpRequestHeader(ProtocolId, UdpTrackerAction.Connect, TransactionId).Write(destination);
        return Size;
    }

    /// <summary>
    /// Decodes a connect request; false for fewer than 16 bytes, another protocol id or another action. Bytes after
    /// the 16th are ignored.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> packet, out UdpConnectRequest request)
    {
        request = default;
        if (!UdpRequestHeader.TryRead(packet, out var header)
            || header.ConnectionId != ProtocolId
            || header.Action != UdpTrackerAction.Connect)
        {
            return false;
        }
        request = new UdpConnectRequest(header.TransactionId);
        return true;
    }
}
