using System.Net;

namespace Swarmgrid.Hosting;

/// <summary>Addresses and CIDR ranges as configuration and the IP rules write them (<c>10.0.0.0/8</c>, <c>::1</c>).</summary>
public static class IpRanges
{
    public static bool TryParse(string? text, out IPNetwork network)
    {
        network = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        if (text.Contains('/'))
        {
            return IPNetwork.TryParse(text, out network);
        }
        if (!IPAddress.TryParse(text, out var address))
        {
            return false;
        }
        var single = Normalize(address)!;
        network = new IPNetwork(single, single.GetAddressBytes().Length * 8);
        return true;
    }

    /// <summary>Parses every entry; throws <see cref="FormatException"/> naming the first one that is neither.</summary>
    public static IReadOnlyList<IPNetwork> ParseAll(IEnumerable<string> texts) =>
        texts.Select(text => TryParse(text, out var network) ? network : throw new FormatException($"'{text}' is not an IP address or CIDR range")).ToList();

    /// <summary>IPv4-mapped IPv6 addresses as plain IPv4, so rules written for IPv4 match dual-stack sockets.</summary>
    public static IPAddress? Normalize(IPAddress? address) =>
        address is { IsIPv4MappedToIPv6: true } ? address.MapToIPv4() : address;

    public static bool AnyContains(IReadOnlyList<IPNetwork> networks, IPAddress address)
    {
        foreach (var network in networks)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }
        return false;
    }
}
