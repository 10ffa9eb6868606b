using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Swarmgrid.BitTorrent.Client;

/// <summary>
/// A set of address ranges (an IP blocklist), kept as sorted, merged arrays of range ends: IPv4 ranges as pairs of
/// 32-bit numbers and IPv6 ranges as pairs of 128-bit numbers, looked up by binary search, so a million ranges take
/// about 8 MB (IPv4) and no object per range. An IPv4-mapped IPv6 address is looked up as the IPv4 address it maps.
/// Ranges may be added at any time; lookups are thread-safe.
/// </summary>
public sealed class IpFilter
{
    private readonly Lock gate = new();
    private readonly List<(uint First, uint Last)> pending4 = [];
    private readonly List<(UInt128 First, UInt128 Last)> pending6 = [];
    private volatile Tables tables = Tables.Empty;
    private volatile int added;

    /// <summary>Adds an inclusive range; both ends of the same family (an IPv4-mapped end counts as IPv4).</summary>
    /// <exception cref="ArgumentException">The ends are of different families or the first is after the last.</exception>
    public void AddRange(IPAddress first, IPAddress last)
    {
        var a = Normalize(first);
        var b = Normalize(last);
        if (a.AddressFamily != b.AddressFamily)
        {
            throw new ArgumentException($"{first} and {last} are not of the same address family.");
        }
        lock (gate)
        {
            if (a.AddressFamily == AddressFamily.InterNetwork)
            {
                var (x, y) = (V4(a), V4(b));
                ThrowIfReversed(x > y, first, last);
                pending4.Add((x, y));
            }
            else
            {
                var (x, y) = (V6(a), V6(b));
                ThrowIfReversed(x > y, first, last);
                pending6.Add((x, y));
            }
            added++;
        }
    }

    /// <summary>Adds a CIDR block such as <c>10.0.0.0/8</c> or <c>2001:db8::/32</c>, or a single address.</summary>
    /// <exception cref="FormatException">The text is not an address or a CIDR block.</exception>
    public void Add(string cidr)
    {
        if (!TryParseCidr(cidr, out var first, out var last))
        {
            throw new FormatException($"'{cidr}' is not an address or a CIDR block.");
        }
        AddRange(first, last);
    }

    /// <summary>The ranges after merging overlapping and adjacent ones.</summary>
    public int Count
    {
        get
        {
            var t = Current();
            return t.First4.Length + t.First6.Length;
        }
    }

    public bool IsBlocked(IPAddress address)
    {
        var t = Current();
        var normal = Normalize(address);
        return normal.AddressFamily == AddressFamily.InterNetwork
            ? Contains(t.First4, t.Last4, V4(normal))
            : Contains(t.First6, t.Last6, V6(normal));
    }

    /// <summary>
    /// The merged ranges as bytes: a 4-byte big-endian count of IPv4 ranges, then each as two big-endian 4-byte
    /// ends, then each IPv6 range as two 16-byte ends (their count follows from the length).
    /// </summary>
    public byte[] ToBytes()
    {
        var t = Current();
        var bytes = new byte[4 + t.First4.Length * 8 + t.First6.Length * 32];
        BinaryPrimitives.WriteInt32BigEndian(bytes, t.First4.Length);
        var offset = 4;
        for (var i = 0; i < t.First4.Length; i++, offset += 8)
        {
            BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(offset), t.First4[i]);
            BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(offset + 4), t.Last4[i]);
        }
        for (var i = 0; i < t.First6.Length; i++, offset += 32)
        {
            BinaryPrimitives.WriteUInt128BigEndian(bytes.AsSpan(offset), t.First6[i]);
            BinaryPrimitives.WriteUInt128BigEndian(bytes.AsSpan(offset + 16), t.Last6[i]);
        }
        return bytes;
    }

    /// <summary>A filter of the ranges <see cref="ToBytes"/> wrote.</summary>
    /// <exception cref="FormatException">The bytes are not in that shape.</exception>
    public static IpFilter FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 4)
        {
            throw new FormatException("An IP filter needs at least 4 bytes.");
        }
        var count4 = BinaryPrimitives.ReadInt32BigEndian(bytes);
        var rest = bytes.Length - 4L - count4 * 8L;
        if (count4 < 0 || rest < 0 || rest % 32 != 0)
        {
            throw new FormatException("The IP filter's length does not match its counts.");
        }
        var filter = new IpFilter();
        var offset = 4;
        for (var i = 0; i < count4; i++, offset += 8)
        {
            filter.pending4.Add((BinaryPrimitives.ReadUInt32BigEndian(bytes[offset..]), BinaryPrimitives.ReadUInt32BigEndian(bytes[(offset + 4)..])));
        }
        for (var i = 0; i < rest / 32; i++, offset += 32)
        {
            filter.pending6.Add((BinaryPrimitives.ReadUInt128BigEndian(bytes[offset..]), BinaryPrimitives.ReadUInt128BigEndian(bytes[(offset + 16)..])));
        }
        filter.added = count4 + (int)(rest / 32);
        return filter;
    }

    /// <summary>Reads <c>a.b.c.d/n</c>, <c>v6/n</c> or a single address as an inclusive range.</summary>
    public static bool TryParseCidr(ReadOnlySpan<char> text, out IPAddress first, out IPAddress last)
    {
        first = last = IPAddress.None;
        var slash = text.IndexOf('/');
        var addressText = slash < 0 ? text : text[..slash];
        if (!TryParseAddress(addressText.Trim(), out var address))
        {
            return false;
        }
        var bits = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var prefix = bits;
        if (slash >= 0 && (!int.TryParse(text[(slash + 1)..].Trim(), System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out prefix) || prefix > bits))
        {
            return false;
        }
        if (bits == 32)
        {
            var mask = prefix == 0 ? 0u : uint.MaxValue << (32 - prefix);
            var low = V4(address) & mask;
            first = ToAddress(low);
            last = ToAddress(low | ~mask);
        }
        else
        {
            var mask = prefix == 0 ? UInt128.Zero : UInt128.MaxValue << (128 - prefix);
            var low = V6(address) & mask;
            first = ToAddress(low);
            last = ToAddress(low | ~mask);
        }
        return true;
    }

    /// <summary>
    /// Reads an address: dotted IPv4 with decimal parts only (leading zeros are decimal, as blocklists write
    /// <c>001.002.003.004</c>), or IPv6; an IPv4-mapped IPv6 address comes back as IPv4.
    /// </summary>
    public static bool TryParseAddress(ReadOnlySpan<char> text, out IPAddress address)
    {
        address = IPAddress.None;
        if (text.Contains(':'))
        {
            if (!IPAddress.TryParse(text, out var parsed) || parsed.AddressFamily != AddressFamily.InterNetworkV6)
            {
                return false;
            }
            address = Normalize(parsed);
            return true;
        }
        uint value = 0;
        var parts = 0;
        foreach (var range in text.Split('.'))
        {
            var part = text[range];
            if (part.Length is 0 or > 3 || !uint.TryParse(part, System.Globalization.NumberStyles.None,
                    System.Globalization.CultureInfo.InvariantCulture, out var octet) || octet > 255 || ++parts > 4)
            {
                return false;
            }
            value = (value << 8) | octet;
        }
        if (parts != 4)
        {
            return false;
        }
        address = ToAddress(value);
        return true;
    }

    private static void ThrowIfReversed(bool reversed, IPAddress first, IPAddress last)
    {
        if (reversed)
        {
            throw new ArgumentException($"{first} comes after {last}.");
        }
    }

    private Tables Current()
    {
        var t = tables;
        if (t.Version == added)
        {
            return t;
        }
        lock (gate)
        {
            if (tables.Version != added)
            {
                var (first4, last4) = Merge(pending4, (last, first) => first <= last || (last != uint.MaxValue && first == last + 1));
                var (first6, last6) = Merge(pending6, (last, first) => first <= last || (last != UInt128.MaxValue && first == last + 1));
                tables = new Tables(added, first4, last4, first6, last6);
            }
            return tables;
        }
    }

    /// <summary>Sorts the pending ranges, merges overlapping and adjacent ones and keeps them merged (so a rebuild sorts less).</summary>
    private static (T[] First, T[] Last) Merge<T>(List<(T First, T Last)> pending, Func<T, T, bool> joins) where T : IComparable<T>
    {
        pending.Sort((x, y) => x.First.CompareTo(y.First));
        var merged = new List<(T First, T Last)>(pending.Count);
        foreach (var range in pending)
        {
            if (merged.Count > 0 && joins(merged[^1].Last, range.First))
            {
                var previous = merged[^1];
                merged[^1] = (previous.First, previous.Last.CompareTo(range.Last) >= 0 ? previous.Last : range.Last);
            }
            else
            {
                merged.Add(range);
            }
        }
        pending.Clear();
        pending.AddRange(merged);
        var firsts = new T[merged.Count];
        var lasts = new T[merged.Count];
        for (var i = 0; i < merged.Count; i++)
        {
            (firsts[i], lasts[i]) = merged[i];
        }
        return (firsts, lasts);
    }

    private static bool Contains<T>(T[] firsts, T[] lasts, T value) where T : IComparable<T>
    {
        // The last range starting at or before value.
        int low = 0, high = firsts.Length - 1, found = -1;
        while (low <= high)
        {
            var mid = low + ((high - low) >> 1);
            if (firsts[mid].CompareTo(value) <= 0)
            {
                found = mid;
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }
        return found >= 0 && lasts[found].CompareTo(value) >= 0;
    }

    private static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    private static uint V4(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[4];
        address.TryWriteBytes(bytes, out _);
        return BinaryPrimitives.ReadUInt32BigEndian(bytes);
    }

    private static UInt128 V6(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        return BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }

    private static IPAddress ToAddress(uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return new IPAddress(bytes);
    }

    private static IPAddress ToAddress(UInt128 value)
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(bytes, value);
        return new IPAddress(bytes);
    }

    private sealed record Tables(int Version, uint[] First4, uint[] Last4, UInt128[] First6, UInt128[] Last6)
    {
        public static readonly Tables Empty = new(0, [], [], [], []);
    }
}
