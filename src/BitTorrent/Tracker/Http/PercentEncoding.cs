using System.Text;

namespace Swarmgrid.BitTorrent.Tracker.Http;

/// <summary>Binary-safe percent-decoding and -encoding of query-string values.</summary>
public static class PercentEncoding
{
    /// <summary>
    /// Decodes <paramref name="encoded"/> into <paramref name="destination"/>: <c>%XX</c> (either case) becomes that
    /// byte, <c>+</c> becomes a space (form encoding), every other byte stands for itself. Fails on a <c>%</c> not
    /// followed by two hexadecimal digits and when the result does not fit.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> encoded, Span<byte> destination, out int written)
    {
        written = 0;
        for (var i = 0; i < encoded.Length; i++)
        {
            if (written == destination.Length)
            {
                return false;
            }
            var b = encoded[i];
            if (b == (byte)'%')
            {
                if (i + 2 >= encoded.Length)
                {
                    return false;
                }
                var hi = HexValue(encoded[i + 1]);
                var lo = HexValue(encoded[i + 2]);
                if ((hi | lo) < 0)
                {
                    return false;
                }
                b = (byte)(hi << 4 | lo);
                i += 2;
            }
            else if (b == (byte)'+')
            {
                b = (byte)' ';
            }
            destination[written++] = b;
        }
        return true;
    }

    /// <summary>
    /// Appends <paramref name="bytes"/> percent-encoded: RFC 3986 unreserved characters as they are, every other
    /// byte as <c>%XX</c> with uppercase digits.
    /// </summary>
    public static StringBuilder Append(StringBuilder builder, ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9'
                or (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~')
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append("0123456789ABCDEF"[b >> 4]).Append("0123456789ABCDEF"[b & 0xF]);
            }
        }
        return builder;
    }

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };
}
