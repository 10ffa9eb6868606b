using System.Buffers.Binary;

namespace Swarmgrid.BitTorrent.Tracker.Udp;

/// <summary>
/// An announce response (BEP 15): action 1, transaction id, interval, leechers, seeders (20 bytes), then compact
/// peers: 6 bytes each for a request that came over IPv4, 18 bytes each for one that came over IPv6.
/// </summary>
/// <param name="TransactionId">The transaction id of the announce.</param>
/// <param name="Interval">Seconds until the next announce.</param>
/// <param name="Leechers">Leechers in the swarm.</param>
/// <param name="Seeders">Seeders in the swarm.</param>
public readonly record struct UdpAnnounceResponse(int TransactionId, int Interval, int Leechers, int Seeders)
{
    /// <summary>Bytes before the peers.</summary>
    public const int HeaderSize = 20;

    /// <summary>Bytes a response with <paramref name="peerCount"/> peers of one family needs.</summary>
    public static int SizeFor(int peerCount, bool ipv6) =>
        HeaderSize + peerCount * (ipv6 ? PeerEndpoint.CompactIPv6Size : PeerEndpoint.CompactIPv4Size);

    /// <summary>Writes the response with peers already in compact form and returns the bytes written.</summary>
    /// <exception cref="ArgumentException">The destination is too small.</exception>
    public int Encode(Span<byte> destination, ReadOnlySpan<byte> compactPeers)
    {
        UdpPacket.EnsureRoom(destination, HeaderSize + compactPeers.Length);
        WriteHeader(destination);
        compactPeers.CopyTo(destination[HeaderSize..]);
        return HeaderSize + compactPeers.Length;
    }

    /// <summary>
    /// Writes the response with the peers of one family, IPv6 when <paramref name="ipv6"/> (the request came over
    /// IPv6), skipping the others, and returns the bytes written.
    /// </summary>
    /// <exception cref="ArgumentException">The destination is too small.</exception>
    public int Encode(Span<byte> destination, ReadOnlySpan<PeerEndpoint> peers, bool ipv6)
    {
        var ipv6Count = CompactPeers.CountIPv6(peers);
        UdpPacket.EnsureRoom(destination, SizeFor(ipv6 ? ipv6Count : peers.Length - ipv6Count, ipv6));
        WriteHeader(destination);
        return HeaderSize + CompactPeers.Write(peers, ipv6, destination[HeaderSize..]);
    }

    /// <summary>
    /// Decodes an announce response; false for fewer than 20 bytes or another action. <paramref name="compactPeers"/>
    /// is the rest of the packet; read it with <see cref="CompactPeers.Read"/> for the socket's address family.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> packet, out UdpAnnounceResponse response, out ReadOnlySpan<byte> compactPeers)
    {
        response = default;
        compactPeers = default;
        if (packet.Length < HeaderSize || !UdpResponseHeader.TryRead(packet, out var header) || header.Action != UdpTrackerAction.Announce)
        {
            return false;
        }
        response = new UdpAnnounceResponse(
            header.TransactionId,
            BinaryPrimitives.ReadInt32BigEndian(packet[8..]),
            BinaryPrimitives.ReadInt32BigEndian(packet[12..]),
            BinaryPrimitives.ReadInt32BigEndian(packet[16..]));
        compactPeers = packet[HeaderSize..];
        return true;
    }

    private void WriteHeader(Span<byte> destination)
    {
        new UdpResponseHeader(UdpTrackerAction.Announce, TransactionId).Write(destination);
        BinaryPrimitives.WriteInt32BigEndian(destination[8..], Interval);
        BinaryPrimitives.WriteInt32BigEndian(destination[12..], Leechers);
        BinaryPrimitives.WriteInt32BigEndian(destination[16..], Seeders);
    }
}
