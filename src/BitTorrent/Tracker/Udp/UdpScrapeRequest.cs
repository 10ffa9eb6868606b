namespace Swarmgrid.BitTorrent.Tracker.Udp;

/// <summary>A scrape request (BEP 15): 16-byte header, then 1 to <see cref="MaxInfoHashes"/> raw 20-byte info hashes.</summary>
/// <param name="ConnectionId">The connection id from the connect response.</param>
/// <param name="TransactionId">The client's transaction id.</param>
public readonly record struct UdpScrapeRequest(long ConnectionId, int TransactionId)
{
    /// <summary>The most hashes in one request: 16 + 74 × 20 = 1496 bytes keeps it within a 1500-byte MTU.</summary>
    public const int MaxInfoHashes = 74;

    /// <summary>Bytes a request for <paramref name="hashCount"/> hashes needs.</summary>
    public static int SizeFor(int hashCount) => UdpRequestHeader.Size + hashCount * TrackerHash.Size;

    /// <summary>Writes the request and returns the bytes written.</summary>
    /// <exception cref="ArgumentException">No hashes, more than <see cref="MaxInfoHashes"/>, or the destination is too small.</exception>
    public int Encode(Span<byte> destination, ReadOnlySpan<TrackerHash> infoHashes)
    {
        if (infoHashes.Length is 0 or > MaxInfoHashes)
        {
            throw new ArgumentException($"A scrape request holds 1 to {MaxInfoHashes} hashes, not {infoHashes.Length}.", nameof(infoHashes));
        }
        var size = SizeFor(infoHashes.Length);
        UdpPacket.EnsureRoom(destination, size);
        new UdpRequestHeader(ConnectionId, UdpTrackerAction.Scrape, TransactionId).Write(destination);
        for (var i = 0; i < infoHashes.Length; i++)
        {
            infoHashes[i].CopyTo(destination[SizeFor(i)..]);
        }
        return size;
    }

    /// <summary>
    /// Decodes a scrape request; false for another action, no hash, more than <see cref="MaxInfoHashes"/>, or a
    /// length that is not 16 plus a multiple of 20. <paramref name="infoHashes"/> is the raw hashes; read one with
    /// <see cref="InfoHashAt"/>.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> packet, out UdpScrapeRequest request, out ReadOnlySpan<byte> infoHashes)
    {
        request = default;
        infoHashes = default;
        if (!UdpRequestHeader.TryRead(packet, out var header) || header.Action != UdpTrackerAction.Scrape)
        {
            return false;
        }
        var hashBytes = packet.Length - UdpRequestHeader.Size;
        if (hashBytes == 0 || hashBytes % TrackerHash.Size != 0 || hashBytes / TrackerHash.Size > MaxInfoHashes)
        {
            return false;
        }
        request = new UdpScrapeRequest(header.ConnectionId, header.TransactionId);
        infoHashes = packet[UdpRequestHeader.Size..];
        return true;
    }

    /// <summary>The hash at <paramref name="index"/> of the raw hashes from <see cref="TryDecode"/>.</summary>
    public static TrackerHash InfoHashAt(ReadOnlySpan<byte> infoHashes, int index) =>
        TrackerHash.FromBytes(infoHashes.Slice(index * TrackerHash.Size, TrackerHash.Size));
}
