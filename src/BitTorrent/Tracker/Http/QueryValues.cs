using System.Net;
using System.Text;

namespace Swarmgrid.BitTorrent.Tracker.Http;

/// <summary>Decoders for single query-string values, shared by the request parsers.</summary>
internal static class QueryValues
{
    /// <summary>The longest query a <see cref="ReadOnlySpan{T}"/> of chars is narrowed on the stack for.</summary>
    public const int StackQueryLimit = 1024;

    private const int MaxTextBytes = 128;

    /// <summary>Narrows chars to bytes one for one; fails on a char above U+00FF, which no raw query holds.</summary>
    public static bool TryNarrow(ReadOnlySpan<char> text, Span<byte> destination)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c > 0xFF)
            {
                return false;
            }
            destination[i] = (byte)c;
        }
        return true;
    }

    public static bool TryHash(ReadOnlySpan<byte> encoded, out TrackerHash hash)
    {
        Span<byte> bytes = stackalloc byte[TrackerHash.Size];
        hash = default;
        return PercentEncoding.TryDecode(encoded, bytes, out var written) && TrackerHash.TryFromBytes(bytes[..written], out hash);
    }

    /// <summary>A non-negative decimal integer: digits only, no sign, no more than fit in 63 bits.</summary>
    public static bool TryNonNegative(ReadOnlySpan<byte> encoded, out long value)
    {
        value = 0;
        Span<byte> digits = stackalloc byte[24];
        if (!PercentEncoding.TryDecode(encoded, digits, out var written) || written == 0)
        {
            return false;
        }
        foreach (var digit in digits[..written])
        {
            var d = digit - '0';
            if ((uint)d > 9 || value > (long.MaxValue - d) / 10)
            {
                value = 0;
                return false;
            }
            value = value * 10 + d;
        }
        return true;
    }

    /// <summary>Decodes short text byte for byte (Latin-1), so arbitrary bytes survive a round trip.</summary>
    public static bool TryText(ReadOnlySpan<byte> encoded, out string? text)
    {
        Span<byte> bytes = stackalloc byte[MaxTextBytes];
        text = null;
        if (!PercentEncoding.TryDecode(encoded, bytes, out var written))
        {
            return false;
        }
        text = Encoding.Latin1.GetString(bytes[..written]);
        return true;
    }

    /// <summary>
    /// An address, optionally with a port (<c>1.2.3.4:6881</c>, <c>[::1]:6881</c>); null when the value is not a
    /// literal address. A missing port is 0 until the request's port is known.
    /// </summary>
    public static PeerEndpoint? Address(ReadOnlySpan<byte> encoded, bool? ipv6)
    {
        Span<byte> bytes = stackalloc byte[64];
        if (!PercentEncoding.TryDecode(encoded, bytes, out var written) || written == 0)
        {
            return null;
        }
        Span<char> chars = stackalloc char[written];
        for (var i = 0; i < written; i++)
        {
            chars[i] = (char)bytes[i];
        }
        // IPEndPoint rather than IPAddress: IPAddress accepts "[::1]:80" and drops the port.
        if (!IPEndPoint.TryParse(chars, out var parsed))
        {
            return null;
        }
        var endpoint = PeerEndpoint.From(parsed);
        return ipv6 is null || endpoint.IsIPv6 == ipv6 ? endpoint : null;
    }
}
