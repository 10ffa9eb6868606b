using System.IO.Compression;
using System.Net;
using System.Text;

namespace Swarmgrid.BitTorrent.Client;

/// <summary>What a blocklist held: the filter, the ranges read from it and the lines that were not understood.</summary>
/// <param name="Ranges">Ranges read from valid lines, before merging (a DAT line with access level above 127 is not one).</param>
/// <param name="Malformed">Lines that are neither blank, a comment, nor an entry in a known format.</param>
public sealed record BlocklistParseResult(IpFilter Filter, int Ranges, int Malformed);

/// <summary>
/// Reads IP blocklists in the formats clients share: P2P (<c>name:1.2.3.4-1.2.3.255</c>, the name may contain
/// colons), eMule DAT (<c>1.2.3.0 - 1.2.3.255 , 000 , name</c>; an access level above 127 allows the range, so it is
/// skipped, as eMule and qBittorrent do), CIDR blocks (<c>1.2.3.0/24</c>), bare ranges (<c>a - b</c>) and single
/// addresses, IPv4 or IPv6. Blank lines and comments (<c>#</c>, <c>//</c>) are skipped. A gzip body is unpacked first.
/// </summary>
public static class BlocklistParser
{
    /// <summary>A DAT entry with an access level above this allows its range instead of blocking it.</summary>
    public const int MaxBlockingLevel = 127;

    /// <summary>
    /// The list in <paramref name="body"/>, unpacked first when it starts with the gzip magic (<c>1f 8b</c>), the
    /// unpacked size held to <paramref name="maxBytes"/>.
    /// </summary>
    /// <exception cref="InvalidDataException">The gzip stream is corrupt or unpacks to more than <paramref name="maxBytes"/>.</exception>
    public static BlocklistParseResult Parse(byte[] body, long maxBytes)
    {
        var text = body.Length >= 2 && body[0] == 0x1f && body[1] == 0x8b ? Gunzip(body, maxBytes) : body;
        return Parse(Encoding.UTF8.GetString(text));
    }

    /// <summary>Reads every line of <paramref name="text"/>.</summary>
    public static BlocklistParseResult Parse(string text)
    {
        var filter = new IpFilter();
        int ranges = 0, malformed = 0;
        foreach (var range in text.AsSpan().EnumerateLines())
        {
            var line = range.Trim();
            if (line.IsEmpty || line[0] == '#' || line.StartsWith("//"))
            {
                continue;
            }
            switch (ParseLine(line, out var first, out var last))
            {
                case LineKind.Range:
                    filter.AddRange(first, last);
                    ranges++;
                    break;
                case LineKind.Malformed:
                    malformed++;
                    break;
            }
        }
        return new BlocklistParseResult(filter, ranges, malformed);
    }

    /// <summary>Unpacks a gzip body, refusing to unpack more than <paramref name="maxBytes"/>.</summary>
    /// <exception cref="InvalidDataException">The stream is corrupt or unpacks to more than <paramref name="maxBytes"/>.</exception>
    public static byte[] Gunzip(byte[] body, long maxBytes)
    {
        using var gzip = new GZipStream(new MemoryStream(body), CompressionMode.Decompress);
        using var output = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = gzip.Read(chunk)) > 0)
        {
            if (output.Length + read > maxBytes)
            {
                throw new InvalidDataException($"the gzip body unpacks to more than {maxBytes} bytes");
            }
            output.Write(chunk, 0, read);
        }
        return output.ToArray();
    }

    private enum LineKind { Range, Allowed, Malformed }

    private static LineKind ParseLine(ReadOnlySpan<char> line, out IPAddress first, out IPAddress last)
    {
        first = last = IPAddress.None;
        var comma = line.IndexOf(',');
        if (comma >= 0)
        {
            // DAT: range , level , name
            var rest = line[(comma + 1)..];
            var second = rest.IndexOf(',');
            var levelText = (second < 0 ? rest : rest[..second]).Trim();
            if (!int.TryParse(levelText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var level)
                || !TryParseRange(line[..comma].Trim(), out first, out last))
            {
                return LineKind.Malformed;
            }
            return level > MaxBlockingLevel ? LineKind.Allowed : LineKind.Range;
        }
        if (TryParseRange(line, out first, out last) || TryParseP2P(line, out first, out last))
        {
            return LineKind.Range;
        }
        return LineKind.Malformed;
    }

    /// <summary><c>a - b</c>, a CIDR block or a single address.</summary>
    private static bool TryParseRange(ReadOnlySpan<char> text, out IPAddress first, out IPAddress last)
    {
        var dash = text.IndexOf('-');
        if (dash < 0)
        {
            return IpFilter.TryParseCidr(text, out first, out last);
        }
        first = last = IPAddress.None;
        return IpFilter.TryParseAddress(text[..dash].Trim(), out var a) && IpFilter.TryParseAddress(text[(dash + 1)..].Trim(), out var b)
            && Ordered(a, b, out first, out last);
    }

    /// <summary><c>name:first-last</c>: the name ends at the last colon for IPv4 ranges, and before the longest address for IPv6 ones.</summary>
    private static bool TryParseP2P(ReadOnlySpan<char> line, out IPAddress first, out IPAddress last)
    {
        first = last = IPAddress.None;
        var dash = line.LastIndexOf('-');
        if (dash < 0 || !IpFilter.TryParseAddress(line[(dash + 1)..].Trim(), out var end))
        {
            return false;
        }
        var head = line[..dash].TrimEnd();
        var colon = head.LastIndexOf(':');
        if (colon >= 0 && IpFilter.TryParseAddress(head[(colon + 1)..].Trim(), out var start) && start.AddressFamily == end.AddressFamily)
        {
            return Ordered(start, end, out first, out last);
        }
        // The name may end in a dash ("a-b:1.2.3.4-…" splits at the last dash) or the range be IPv6: try each split.
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] != ':')
            {
                continue;
            }
            var candidate = line[(i + 1)..];
            var inner = candidate.IndexOf('-');
            while (inner >= 0)
            {
                if (IpFilter.TryParseAddress(candidate[..inner].Trim(), out var a) && IpFilter.TryParseAddress(candidate[(inner + 1)..].Trim(), out var b))
                {
                    return Ordered(a, b, out first, out last);
                }
                var next = candidate[(inner + 1)..].IndexOf('-');
                inner = next < 0 ? -1 : inner + 1 + next;
            }
        }
        return false;
    }

    private static bool Ordered(IPAddress a, IPAddress b, out IPAddress first, out IPAddress last)
    {
        first = a;
        last = b;
        if (a.AddressFamily != b.AddressFamily)
        {
            return false;
        }
        Span<byte> x = stackalloc byte[16];
        Span<byte> y = stackalloc byte[16];
        a.TryWriteBytes(x, out var length);
        b.TryWriteBytes(y, out _);
        return x[..length].SequenceCompareTo(y[..length]) <= 0;
    }
}
