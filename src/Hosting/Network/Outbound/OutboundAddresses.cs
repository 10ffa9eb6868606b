using System.Net;
using System.Net.Sockets;

namespace Swarmgrid.Hosting.Network.Outbound;

/// <summary>
/// Which addresses a URL given by a user may reach: public unicast only. Loopback, private (RFC 1918, unique local),
/// link-local (cloud metadata at 169.254.169.254), carrier-grade NAT, multicast, unspecified, documentation and
/// reserved ranges are refused, so a user cannot make a server fetch from inside its own network.
/// </summary>
public static class OutboundAddresses
{
    private static readonly IPNetwork[] Refused =
    [
        IPNetwork.Parse("0.0.0.0/8"),
        IPNetwork.Parse("10.0.0.0/8"),
        IPNetwork.Parse("100.64.0.0/10"),
        IPNetwork.Parse("127.0.0.0/8"),
        IPNetwork.Parse("169.254.0.0/16"),
        IPNetwork.Parse("172.16.0.0/12"),
        IPNetwork.Parse("192.0.0.0/24"),
        IPNetwork.Parse("192.0.2.0/24"),
        IPNetwork.Parse("192.168.0.0/16"),
        IPNetwork.Parse("198.18.0.0/15"),
        IPNetwork.Parse("198.51.100.0/24"),
        IPNetwork.Parse("203.0.113.0/24"),
        IPNetwork.Parse("224.0.0.0/3"),
        IPNetwork.Parse("::/127"),
        IPNetwork.Parse("64:ff9b::/96"),
        IPNetwork.Parse("100::/64"),
        IPNetwork.Parse("2001:db8::/32"),
        IPNetwork.Parse("fc00::/7"),
        IPNetwork.Parse("fe80::/10"),
        IPNetwork.Parse("ff00::/8"),
    ];

    private static readonly IPNetwork[] Loopback = [IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("::1/128")];

    /// <summary>Whether a fetch may connect to <paramref name="address"/>; <paramref name="allowLoopback"/> is the test-only switch.</summary>
    public static bool IsAllowed(IPAddress address, bool allowLoopback)
    {
        var plain = IpRanges.Normalize(address)!;
        if (plain.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
        {
            return false;
        }
        if (allowLoopback && IpRanges.AnyContains(Loopback, plain))
        {
            return true;
        }
        return !IpRanges.AnyContains(Refused, plain);
    }
}
