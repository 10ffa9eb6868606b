namespace Swarmgrid.BitTorrent.Tracker;

/// <summary>Reads and writes runs of compact peers (BEP 23 IPv4, BEP 7 IPv6).</summary>
public static class CompactPeers
{
    /// <summary>
    /// Reads consecutive 6-byte (IPv4) or 18-byte (IPv6) peers. A trailing partial entry is ignored, as clients
    /// should be lenient about what trackers send.
    /// </summary>
    public static PeerEndpoint[] Read(ReadOnlySpan<byte> compact, bool ipv6)
    {
        var size = ipv6 ? PeerEndpoint.CompactIPv6Size : PeerEndpoint.CompactIPv4Size;
        var peers = new PeerEndpoint[compact.Length / size];
        for (var i = 0; i < peers.Length; i++)
        {
            var entry = compact.Slice(i * size, size);
            peers[i] = ipv6 ? PeerEndpoint.ReadCompactIPv6(entry) : PeerEndpoint.ReadCompactIPv4(entry);
        }
        return peers;
    }

    /// <summary>How many of <paramref name="peers"/> are IPv6.</summary>
    public static int CountIPv6(ReadOnlySpan<PeerEndpoint> peers)
    {
        var count = 0;
        foreach (ref readonly var peer in peers)
        {
            if (peer.IsIPv6)
            {
                count++;
            }
        }
        return count;
    }

    /// <summary>
    /// Writes the compact form of the peers of one family (IPv6 when <paramref name="ipv6"/>), skipping the others,
    /// and returns the number of bytes written.
    /// </summary>
    public static int Write(ReadOnlySpan<PeerEndpoint> peers, bool ipv6, Span<byte> destination)
    {
        var position = 0;
        foreach (ref readonly var peer in peers)
        {
            if (peer.IsIPv6 == ipv6)
            {
                position += peer.WriteCompact(destination[position..]);
            }
        }
        return position;
    }
}
