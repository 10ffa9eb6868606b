using System.Buffers.Binary;

namespace Swarmgrid.BitTorrent.Tracker;

/// <summary>
/// A 20-byte identifier as the tracker sees it on the wire: an info hash (v1, or a v2 hash truncated to 20 bytes)
/// or a peer id. Compared and ordered by raw bytes; no allocation to create, compare or hash.
/// </summary>
public readonly struct TrackerHash : IEquatable<TrackerHash>, IComparable<TrackerHash>
{
    /// <summary>The number of bytes in the identifier.</summary>
    public const int Size = 20;

    // Big-endian words, so that comparing the words numerically orders the hashes by raw bytes.
    private readonly ulong first;
    private readonly ulong second;
    private readonly uint third;

    private TrackerHash(ReadOnlySpan<byte> bytes)
    {
        first = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        second = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
        third = BinaryPrimitives.ReadUInt32BigEndian(bytes[16..]);
    }

    /// <summary>Creates a hash from exactly 20 bytes.</summary>
    /// <exception cref="ArgumentException">The span is not 20 bytes long.</exception>
    public static TrackerHash FromBytes(ReadOnlySpan<byte> bytes) =>
        bytes.Length == Size ? new TrackerHash(bytes) : throw new ArgumentException($"A tracker hash is {Size} bytes, not {bytes.Length}.", nameof(bytes));

    /// <summary>Creates a hash when <paramref name="bytes"/> is exactly 20 bytes long.</summary>
    public static bool TryFromBytes(ReadOnlySpan<byte> bytes, out TrackerHash hash)
    {
        hash = bytes.Length == Size ? new TrackerHash(bytes) : default;
        return bytes.Length == Size;
    }

    /// <summary>Parses 40 hexadecimal digits (either case).</summary>
    public static bool TryParseHex(ReadOnlySpan<char> hex, out TrackerHash hash)
    {
        hash = default;
        if (hex.Length != Size * 2)
        {
            return false;
        }
        Span<byte> bytes = stackalloc byte[Size];
        if (Convert.FromHexString(hex, bytes, out _, out var written) != System.Buffers.OperationStatus.Done || written != Size)
        {
            return false;
        }
        hash = new TrackerHash(bytes);
        return true;
    }

    /// <summary>Writes the 20 raw bytes to the start of <paramref name="destination"/>.</summary>
    public void CopyTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, first);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], second);
        BinaryPrimitives.WriteUInt32BigEndian(destination[16..], third);
    }

    /// <summary>The 20 raw bytes in a new array.</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[Size];
        CopyTo(bytes);
        return bytes;
    }

    /// <inheritdoc/>
    public bool Equals(TrackerHash other) => first == other.first && second == other.second && third == other.third;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is TrackerHash other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(first, second, third);

    /// <summary>Orders by raw bytes, the order bencoded dictionary keys need.</summary>
    public int CompareTo(TrackerHash other)
    {
        var order = first.CompareTo(other.first);
        if (order == 0)
        {
            order = second.CompareTo(other.second);
        }
        return order != 0 ? order : third.CompareTo(other.third);
    }

    /// <summary>40 lowercase hexadecimal digits.</summary>
    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[Size];
        CopyTo(bytes);
        return Convert.ToHexStringLower(bytes);
    }

    public static bool operator ==(TrackerHash left, TrackerHash right) => left.Equals(right);

    public static bool operator !=(TrackerHash left, TrackerHash right) => !left.Equals(right);
}
