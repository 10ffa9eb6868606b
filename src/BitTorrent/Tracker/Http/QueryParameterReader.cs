namespace Swarmgrid.BitTorrent.Tracker.Http;

/// <summary>
/// Walks the <c>name=value</c> pairs of a raw query string (an optional leading <c>?</c>, pairs separated by
/// <c>&amp;</c>), leaving both parts encoded. Empty pairs are skipped; a pair without <c>=</c> has an empty value.
/// </summary>
internal ref struct QueryParameterReader(ReadOnlySpan<byte> query)
{
    private ReadOnlySpan<byte> remaining = query is [(byte)'?', ..] ? query[1..] : query;

    public bool TryReadNext(out ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value)
    {
        while (!remaining.IsEmpty)
        {
            var end = remaining.IndexOf((byte)'&');
            var pair = end < 0 ? remaining : remaining[..end];
            remaining = end < 0 ? default : remaining[(end + 1)..];
            if (pair.IsEmpty)
            {
                continue;
            }
            var equals = pair.IndexOf((byte)'=');
            name = equals < 0 ? pair : pair[..equals];
            value = equals < 0 ? default : pair[(equals + 1)..];
            return true;
        }
        name = default;
        value = default;
        return false;
    }
}
