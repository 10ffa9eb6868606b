namespace Swarmgrid.BitTorrent.Tracker.Udp;

/// <summary>A scrape response (BEP 15): action 2, transaction id, then one 12-byte entry per hash in request order.</summary>
/// <param name="TransactionId">The transaction id of the scrape.</param>
public readonly record struct UdpScrapeResponse(int TransactionId)
{
    /// <summary>Bytes a response with <paramref name="entryCount"/> entries needs.</summary>
    public static int SizeFor(int entryCount) => UdpResponseHeader.Size + entryCount * UdpScrapeStats.Size;

    /// <summary>Writes the response and returns the bytes written.</summary>
    /// <exception cref="ArgumentException">The destination is too small.</exception>
    public int Encode(Span<byte> destination, ReadOnlySpan<UdpScrapeStats> entries)
    {
        var size = SizeFor(entries.Length);
        UdpPacket.EnsureRoom(destination, size);
        new UdpResponseHeader(UdpTrackerAction.Scrape, TransactionId).Write(destination);
        for (var i = 0; i < entries.Length; i++)
        {
            entries[i].Write(destination[SizeFor(i)..]);
        }
        return size;
    }

    /// <summary>
    /// Decodes a scrape response; false for fewer than 8 bytes or another action. <paramref name="entries"/> is the
    /// rest of the packet; read it with <see cref="UdpScrapeStats.ReadAll"/>.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> packet, out UdpScrapeResponse response, out ReadOnlySpan<byte> entries)
    {
        response = default;
        entries = default;
        if (!UdpResponseHeader.TryRead(packet, out var header) || header.Action != UdpTrackerAction.Scrape)
        {
            return false;
        }
        response = new UdpScrapeResponse(header.TransactionId);
        entries = packet[UdpResponseHeader.Size..];
        return true;
    }
}
