using System.Security.Cryptography;

namespace Swarmgrid.BitTorrent.Metainfo;

/// <summary>
/// A torrent's identity: the SHA-1 (20 bytes, v1) or SHA-256 (32 bytes, v2) of its bencoded info dictionary.
/// Compared by value; <c>default</c> is an empty hash that equals only itself.
/// </summary>
public readonly struct InfoHash : IEquatable<InfoHash>
{
    public const int V1Length = 20;
    public const int V2Length = 32;

    private readonly byte[]? bytes;

    private InfoHash(byte[] bytes)
    {
        this.bytes = bytes;
    }

    public ReadOnlySpan<byte> Span => bytes;

    public ReadOnlyMemory<byte> Memory => bytes;

    /// <summary>20 for a SHA-1 hash, 32 for a SHA-256 hash.</summary>
    public int Length => bytes?.Length ?? 0;

    public bool IsV2 => Length == V2Length;

    /// <summary>Wraps a copy of 20 or 32 bytes.</summary>
    public static InfoHash FromBytes(ReadOnlySpan<byte> value) =>
        value.Length is V1Length or V2Length
            ? new InfoHash(value.ToArray())
            : throw new ArgumentException($"An info-hash has 20 or 32 bytes, not {value.Length}.", nameof(value));

    /// <summary>SHA-1 of the raw info dictionary bytes.</summary>
    public static InfoHash ComputeV1(ReadOnlySpan<byte> info) => new(SHA1.HashData(info));

    /// <summary>SHA-256 of the raw info dictionary bytes.</summary>
    public static InfoHash ComputeV2(ReadOnlySpan<byte> info) => new(SHA256.HashData(info));

    /// <summary>Parses 40 or 64 hexadecimal digits, either case.</summary>
    public static InfoHash FromHex(string hex) =>
        TryFromHex(hex, out var hash) ? hash : throw new FormatException($"'{hex}' is not a 40 or 64 digit hexadecimal info-hash.");

    public static bool TryFromHex(ReadOnlySpan<char> hex, out InfoHash hash)
    {
        hash = default;
        if (hex.Length is not (V1Length * 2 or V2Length * 2))
        {
            return false;
        }
        var value = new byte[hex.Length / 2];
        if (Convert.FromHexString(hex, value, out _, out var written) != System.Buffers.OperationStatus.Done || written != value.Length)
        {
            return false;
        }
        hash = new InfoHash(value);
        return true;
    }

    /// <summary>Parses the 32-character base32 form of a 20-byte hash (older magnet links).</summary>
    public static bool TryFromBase32(ReadOnlySpan<char> text, out InfoHash hash)
    {
        var value = text.Length == 32 ? Base32.TryDecode(text) : null;
        hash = value is { Length: V1Length } ? new InfoHash(value) : default;
        return value is { Length: V1Length };
    }

    /// <summary>The first 20 bytes: how a v2 hash travels in v1-shaped messages (tracker announces, the peer handshake).</summary>
    public InfoHash Truncate() => Length <= V1Length ? this : new InfoHash(bytes![..V1Length]);

    public string ToHex() => Convert.ToHexStringLower(Span);

    public string ToBase32() => Base32.Encode(Span);

    public byte[] ToArray() => Span.ToArray();

    public bool Equals(InfoHash other) => Span.SequenceEqual(other.Span);

    public override bool Equals(object? obj) => obj is InfoHash other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(Span);
        return hash.ToHashCode();
    }

    public override string ToString() => ToHex();

    public static bool operator ==(InfoHash left, InfoHash right) => left.Equals(right);

    public static bool operator !=(InfoHash left, InfoHash right) => !left.Equals(right);
}
