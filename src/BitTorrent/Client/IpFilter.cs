using System.Net;
using System.Numerics;

namespace Swarmgrid.BitTorrent.Client;

/// <summary>A set of address ranges (an IP blocklist). Thread-safe for reads once built.</summary>
public sealed class IpFilter
{
    private readonly List<(UInt128 First, UInt128 Last)> ranges = [];

    /// <summary>Adds an inclusive range; both ends of the same family.</summary>
    public void AddRange(IPAddress first, IPAddress last) => ranges.Add((Value(first), Value(last)));

    /// <summary>Adds a CIDR block such as <c>10.0.0.0/8</c> or a single address.</summary>
    public void Add(string cidr)
    {
        var slash = cidr.IndexOf('/');
        var address = IPAddress.Parse(slash < 0 ? cidr : cidr[..slash]).MapToIPv6();
        var prefix = slash < 0 ? 128 : int.Parse(cidr[(slash + 1)..], System.Globalization.CultureInfo.InvariantCulture)
            + (IPAddress.Parse(cidr[..slash]).AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 96 : 0);
        var first = Value(address) & (prefix == 0 ? UInt128.Zero : UInt128.MaxValue << (128 - prefix));
        ranges.Add((first, first | (prefix == 128 ? UInt128.Zero : UInt128.MaxValue >> prefix)));
    }

    public bool IsBlocked(IPAddress address)
    {
        var value = Value(address);
        return ranges.Exists(r => value >= r.First && value <= r.Last);
    }

    private static UInt128 Value(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.MapToIPv6().TryWriteBytes(bytes, out _);
        return BinaryPrimitivesReadUInt128(bytes);
    }

    private static UInt128 BinaryPrimitivesReadUInt128(ReadOnlySpan<byte> bytes) =>
        System.Buffers.Binary.BinaryPrimitives.ReadUInt128BigEndian(bytes);
}
