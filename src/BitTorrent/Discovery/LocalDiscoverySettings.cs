using System.Net;

namespace Swarmgrid.BitTorrent.Discovery;

/// <summary>Where local service discovery (BEP 14) announces and listens.</summary>
public sealed record LocalDiscoverySettings
{
    /// <summary>The BEP 14 IPv4 group, 239.192.152.143:6771.</summary>
    public static readonly IPEndPoint DefaultGroup = new(IPAddress.Parse("239.192.152.143"), 6771);

    /// <summary>
    /// Where announces go and are heard: the BEP 14 multicast group by default. A unicast endpoint (a test's loopback
    /// port) makes a plain UDP socket there instead of joining a group.
    /// </summary>
    public IPEndPoint Group { get; init; } = DefaultGroup;

    /// <summary>Multicast hops: 1 keeps announces on the local network, 0 on this host.</summary>
    public int MulticastTtl { get; init; } = 1;

    /// <summary>How often each running torrent is announced (BEP 14 asks for no more than once a minute).</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromMinutes(5);
}
