using System.Buffers.Binary;
using System.Net;
using System.Numerics;
using System.Security.Cryptography;
using Swarmgrid.BitTorrent.Tracker;

namespace Swarmgrid.BitTorrent.Dht;

/// <summary>
/// A 160-bit DHT node id or lookup target (BEP 5). Distance is XOR, compared as an unsigned big-endian number.
/// Ids can be made and checked against an external address as BEP 42 asks.
/// </summary>
public readonly struct NodeId : IEquatable<NodeId>, IComparable<NodeId>
{
    public const int Size = 20;

    // Big-endian words: numeric order of the words is the order of the raw bytes.
    private readonly ulong first;
    private readonly ulong second;
    private readonly uint third;

    private NodeId(ulong first, ulong second, uint third) => (this.first, this.second, this.third) = (first, second, third);

    /// <summary>An id from exactly 20 bytes.</summary>
    /// <exception cref="ArgumentException">Not 20 bytes.</exception>
    public static NodeId FromBytes(ReadOnlySpan<byte> bytes) =>
        TryFromBytes(bytes, out var id) ? id : throw new ArgumentException($"A node id is {Size} bytes, not {bytes.Length}.", nameof(bytes));

    public static bool TryFromBytes(ReadOnlySpan<byte> bytes, out NodeId id)
    {
        id = bytes.Length == Size
            ? new NodeId(BinaryPrimitives.ReadUInt64BigEndian(bytes), BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]), BinaryPrimitives.ReadUInt32BigEndian(bytes[16..]))
            : default;
        return bytes.Length == Size;
    }

    /// <summary>An info-hash (v1, or v2 truncated) as a lookup target.</summary>
    public static NodeId From(TrackerHash hash)
    {
        Span<byte> bytes = stackalloc byte[Size];
        hash.CopyTo(bytes);
        return FromBytes(bytes);
    }

    /// <summary>A random id.</summary>
    public static NodeId Random() => FromBytes(RandomNumberGenerator.GetBytes(Size));

    public void CopyTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, first);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], second);
        BinaryPrimitives.WriteUInt32BigEndian(destination[16..], third);
    }

    public byte[] ToArray()
    {
        var bytes = new byte[Size];
        CopyTo(bytes);
        return bytes;
    }

    public TrackerHash ToTrackerHash() => TrackerHash.FromBytes(ToArray());

    /// <summary>This id XOR <paramref name="other"/>.</summary>
    public NodeId Xor(NodeId other) => new(first ^ other.first, second ^ other.second, third ^ other.third);

    /// <summary>Leading bits this id shares with <paramref name="other"/> (160 when equal).</summary>
    public int CommonPrefixLength(NodeId other)
    {
        var d = Xor(other);
        if (d.first != 0)
        {
            return BitOperations.LeadingZeroCount(d.first);
        }
        if (d.second != 0)
        {
            return 64 + BitOperations.LeadingZeroCount(d.second);
        }
        return d.third != 0 ? 128 + BitOperations.LeadingZeroCount(d.third) : 160;
    }

    /// <summary>Negative when <paramref name="a"/> is closer to <paramref name="target"/> than <paramref name="b"/>.</summary>
    public static int CompareDistance(NodeId target, NodeId a, NodeId b) => target.Xor(a).CompareTo(target.Xor(b));

    /// <summary>Bit <paramref name="index"/> counted from the most significant.</summary>
    public bool Bit(int index) => index switch
    {
        < 64 => ((first >> (63 - index)) & 1) != 0,
        < 128 => ((second >> (127 - index)) & 1) != 0,
        _ => ((third >> (159 - index)) & 1) != 0,
    };

    /// <summary>A random id sharing the first <paramref name="prefixBits"/> bits with this one (a bucket refresh target).</summary>
    public NodeId RandomWithPrefix(int prefixBits)
    {
        var bytes = ToArray();
        var random = RandomNumberGenerator.GetBytes(Size);
        for (var bit = prefixBits; bit < 160; bit++)
        {
            var mask = (byte)(0x80 >> (bit % 8));
            bytes[bit / 8] = (byte)((bytes[bit / 8] & ~mask) | (random[bit / 8] & mask));
        }
        return FromBytes(bytes);
    }

    /// <summary>
    /// A BEP 42 id for external address <paramref name="address"/>: the first 21 bits from CRC32-C of the masked
    /// address and a random 3-bit r, the last byte carrying r.
    /// </summary>
    public static NodeId ForAddress(IPAddress address)
    {
        var bytes = RandomNumberGenerator.GetBytes(Size);
        var r = (byte)(bytes[19] & 7);
        var crc = SecurePrefix(address, r);
        bytes[0] = (byte)(crc >> 24);
        bytes[1] = (byte)(crc >> 16);
        bytes[2] = (byte)(((crc >> 8) & 0xF8) | (uint)(bytes[2] & 7));
        return FromBytes(bytes);
    }

    /// <summary>
    /// Whether this id is one BEP 42 allows for a node at <paramref name="address"/>. Local and private addresses
    /// (loopback, 10/8, 172.16/12, 192.168/16, 169.254/16 and IPv6 link-local, unique-local) are exempt.
    /// </summary>
    public bool IsSecureFor(IPAddress address)
    {
        if (IsExempt(address))
        {
            return true;
        }
        var bytes = ToArray();
        var crc = SecurePrefix(address, (byte)(bytes[19] & 7));
        return bytes[0] == (byte)(crc >> 24) && bytes[1] == (byte)(crc >> 16) && (bytes[2] & 0xF8) == (byte)(crc >> 8 & 0xF8);
    }

    /// <summary>Addresses BEP 42 does not constrain.</summary>
    public static bool IsExempt(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (IPAddress.IsLoopback(address))
        {
            return true;
        }
        var b = address.GetAddressBytes();
        if (b.Length == 4)
        {
            return b[0] == 10 || (b[0] == 172 && (b[1] & 0xF0) == 16) || (b[0] == 192 && b[1] == 168) || (b[0] == 169 && b[1] == 254);
        }
        return address.IsIPv6LinkLocal || address.IsIPv6UniqueLocal || address.IsIPv6SiteLocal;
    }

    private static uint SecurePrefix(IPAddress address, byte r)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        var raw = address.GetAddressBytes();
        ReadOnlySpan<byte> mask = raw.Length == 4 ? [0x03, 0x0F, 0x3F, 0xFF] : [0x01, 0x03, 0x07, 0x0F, 0x1F, 0x3F, 0x7F, 0xFF];
        Span<byte> masked = stackalloc byte[mask.Length];
        for (var i = 0; i < mask.Length; i++)
        {
            masked[i] = (byte)(raw[i] & mask[i]);
        }
        masked[0] |= (byte)(r << 5);
        var crc = 0xFFFFFFFFu;
        foreach (var b in masked)
        {
            crc = BitOperations.Crc32C(crc, b);
        }
        return ~crc;
    }

    public bool Equals(NodeId other) => first == other.first && second == other.second && third == other.third;

    public override bool Equals(object? obj) => obj is NodeId other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(first, second, third);

    public int CompareTo(NodeId other) =>
        first != other.first ? first.CompareTo(other.first) : second != other.second ? second.CompareTo(other.second) : third.CompareTo(other.third);

    public static bool operator ==(NodeId left, NodeId right) => left.Equals(right);

    public static bool operator !=(NodeId left, NodeId right) => !left.Equals(right);

    public static bool operator <(NodeId left, NodeId right) => left.CompareTo(right) < 0;

    public static bool operator >(NodeId left, NodeId right) => left.CompareTo(right) > 0;

    public static bool operator <=(NodeId left, NodeId right) => left.CompareTo(right) <= 0;

    public static bool operator >=(NodeId left, NodeId right) => left.CompareTo(right) >= 0;

    public override string ToString() => Convert.ToHexStringLower(ToArray());
}
