using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Swarmgrid.BitTorrent.Tracker;

/// <summary>
/// An IPv4 or IPv6 address and a port, held inline (no <see cref="IPAddress"/> allocation) and convertible to and
/// from the compact forms of BEP 23 (6 bytes) and BEP 7 (18 bytes). IPv4-mapped IPv6 addresses become IPv4.
/// </summary>
public readonly struct PeerEndpoint : IEquatable<PeerEndpoint>
{
    /// <summary>Bytes in a compact IPv4 peer: 4 address bytes, 2 port bytes, network order.</summary>
    public const int CompactIPv4Size = 6;

    /// <summary>Bytes in a compact IPv6 peer: 16 address bytes, 2 port bytes, network order.</summary>
    public const int CompactIPv6Size = 18;

    // The address in network order: IPv6 across both words, IPv4 in the low 32 bits of `low`.
    private readonly ulong high;
    private readonly ulong low;

    private PeerEndpoint(ulong high, ulong low, ushort port, bool isIPv6)
    {
        this.high = high;
        this.low = low;
        Port = port;
        IsIPv6 = isIPv6;
    }

    /// <summary>The port.</summary>
    public ushort Port { get; }

    /// <summary>Whether the address is IPv6 (and not IPv4-mapped).</summary>
    public bool IsIPv6 { get; }

    /// <summary>The address family.</summary>
    public AddressFamily AddressFamily => IsIPv6 ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork;

    /// <summary>Bytes of this peer in compact form: 6 for IPv4, 18 for IPv6.</summary>
    public int CompactSize => IsIPv6 ? CompactIPv6Size : CompactIPv4Size;

    /// <summary>The IPv4 address as a number whose big-endian bytes are the address (as in BEP 15); 0 for IPv6.</summary>
    public uint IPv4Value => IsIPv6 ? 0 : (uint)low;

    /// <summary>An IPv4 endpoint from the 4 address bytes in network order.</summary>
    public static PeerEndpoint FromIPv4(ReadOnlySpan<byte> address, ushort port) =>
        FromIPv4(BinaryPrimitives.ReadUInt32BigEndian(address[..4]), port);

    /// <summary>An IPv4 endpoint from the address as a number whose big-endian bytes are the address.</summary>
    public static PeerEndpoint FromIPv4(uint address, ushort port) => new(0, address, port, false);

    /// <summary>An endpoint from 16 IPv6 address bytes in network order; IPv4-mapped addresses become IPv4.</summary>
    public static PeerEndpoint FromIPv6(ReadOnlySpan<byte> address, ushort port)
    {
        var high = BinaryPrimitives.ReadUInt64BigEndian(address);
        var low = BinaryPrimitives.ReadUInt64BigEndian(address[8..16]);
        return high == 0 && low >> 32 == 0xFFFF ? new PeerEndpoint(0, (uint)low, port, false) : new PeerEndpoint(high, low, port, true);
    }

    /// <summary>An endpoint from an <see cref="IPAddress"/>; IPv4-mapped IPv6 addresses become IPv4.</summary>
    /// <exception cref="ArgumentException">The address is neither IPv4 nor IPv6.</exception>
    public static PeerEndpoint From(IPAddress address, ushort port)
    {
        Span<byte> bytes = stackalloc byte[16];
        if (!address.TryWriteBytes(bytes, out var written))
        {
            throw new ArgumentException("Only IPv4 and IPv6 addresses are supported.", nameof(address));
        }
        return written == 4 ? FromIPv4(bytes, port) : FromIPv6(bytes, port);
    }

    /// <summary>An endpoint from an <see cref="IPEndPoint"/>.</summary>
    public static PeerEndpoint From(IPEndPoint endpoint) => From(endpoint.Address, (ushort)endpoint.Port);

    /// <summary>Reads a 6-byte compact IPv4 peer.</summary>
    public static PeerEndpoint ReadCompactIPv4(ReadOnlySpan<byte> compact) =>
        FromIPv4(BinaryPrimitives.ReadUInt32BigEndian(compact), BinaryPrimitives.ReadUInt16BigEndian(compact[4..6]));

    /// <summary>Reads an 18-byte compact IPv6 peer.</summary>
    public static PeerEndpoint ReadCompactIPv6(ReadOnlySpan<byte> compact) =>
        FromIPv6(compact, BinaryPrimitives.ReadUInt16BigEndian(compact[16..18]));

    /// <summary>The same address with another port.</summary>
    public PeerEndpoint WithPort(ushort port) => new(high, low, port, IsIPv6);

    /// <summary>Writes the address bytes (4 or 16) and returns how many were written.</summary>
    public int WriteAddress(Span<byte> destination)
    {
        if (!IsIPv6)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)low);
            return 4;
        }
        BinaryPrimitives.WriteUInt64BigEndian(destination, high);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], low);
        return 16;
    }

    /// <summary>Writes the compact form (6 or 18 bytes) and returns how many bytes were written.</summary>
    public int WriteCompact(Span<byte> destination)
    {
        var length = WriteAddress(destination);
        BinaryPrimitives.WriteUInt16BigEndian(destination[length..], Port);
        return length + 2;
    }

    /// <summary>The address as an <see cref="IPAddress"/> (allocates).</summary>
    public IPAddress ToIPAddress()
    {
        Span<byte> bytes = stackalloc byte[16];
        return new IPAddress(bytes[..WriteAddress(bytes)]);
    }

    /// <summary>The endpoint as an <see cref="IPEndPoint"/> (allocates).</summary>
    public IPEndPoint ToIPEndPoint() => new(ToIPAddress(), Port);

    /// <summary>Writes the address as UTF-8 text (dotted quad or RFC 5952 IPv6) and returns the byte count.</summary>
    public int FormatAddress(Span<byte> destination)
    {
        if (IsIPv6)
        {
            return ToIPAddress().TryFormat(destination, out var written) ? written : throw new ArgumentException("Destination too small.", nameof(destination));
        }
        var position = 0;
        for (var shift = 24; shift >= 0; shift -= 8)
        {
            if (shift != 24)
            {
                destination[position++] = (byte)'.';
            }
            ((uint)(low >> shift) & 0xFF).TryFormat(destination[position..], out var written);
            position += written;
        }
        return position;
    }

    /// <inheritdoc/>
    public bool Equals(PeerEndpoint other) => high == other.high && low == other.low && Port == other.Port && IsIPv6 == other.IsIPv6;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is PeerEndpoint other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(high, low, Port, IsIPv6);

    /// <summary>For IPv4 <c>1.2.3.4:6881</c>, for IPv6 <c>[::1]:6881</c>.</summary>
    public override string ToString() => ToIPEndPoint().ToString();

    /// <summary>The 64-bit words of the address, for keyed hashing.</summary>
    internal (ulong High, ulong Low) AddressWords => (high, low);

    public static bool operator ==(PeerEndpoint left, PeerEndpoint right) => left.Equals(right);

    public static bool operator !=(PeerEndpoint left, PeerEndpoint right) => !left.Equals(right);
}
