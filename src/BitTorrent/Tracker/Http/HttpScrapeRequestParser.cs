using System.Buffers;

namespace Swarmgrid.BitTorrent.Tracker.Http;

/// <summary>
/// Parses the <c>info_hash</c> keys of an HTTP scrape query (BEP 48) without throwing. No <c>info_hash</c> at all is
/// a valid request for every torrent, which the tracker may refuse. Other keys are ignored; repeated hashes are kept.
/// </summary>
public static class HttpScrapeRequestParser
{
    /// <summary>
    /// Decodes the hashes into <paramref name="infoHashes"/> without allocating. Returns null on success with
    /// <paramref name="count"/> set, otherwise <see cref="HttpFailureReasons.InvalidInfoHash"/> (not 20 bytes or a
    /// malformed escape) or <see cref="HttpFailureReasons.TooManyInfoHashes"/> (more than the span holds).
    /// </summary>
    public static string? Parse(ReadOnlySpan<byte> query, Span<TrackerHash> infoHashes, out int count)
    {
        count = 0;
        var reader = new QueryParameterReader(query);
        while (reader.TryReadNext(out var name, out var value))
        {
            if (!name.SequenceEqual("info_hash"u8))
            {
                continue;
            }
            if (!QueryValues.TryHash(value, out var hash))
            {
                count = 0;
                return HttpFailureReasons.InvalidInfoHash;
            }
            if (count == infoHashes.Length)
            {
                count = 0;
                return HttpFailureReasons.TooManyInfoHashes;
            }
            infoHashes[count++] = hash;
        }
        return null;
    }

    /// <summary>As <see cref="Parse(ReadOnlySpan{byte}, Span{TrackerHash}, out int)"/> for a query received as text.</summary>
    public static string? Parse(ReadOnlySpan<char> query, Span<TrackerHash> infoHashes, out int count)
    {
        count = 0;
        byte[]? rented = null;
        var bytes = query.Length <= QueryValues.StackQueryLimit
            ? stackalloc byte[query.Length]
            : (rented = ArrayPool<byte>.Shared.Rent(query.Length)).AsSpan(0, query.Length);
        try
        {
            return QueryValues.TryNarrow(query, bytes) ? Parse(bytes, infoHashes, out count) : HttpFailureReasons.InvalidQuery;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
