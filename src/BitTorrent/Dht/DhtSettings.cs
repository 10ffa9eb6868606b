using System.Net;

namespace Swarmgrid.BitTorrent.Dht;

/// <summary>How a <see cref="DhtEngine"/> binds, bootstraps, remembers and defends itself.</summary>
public sealed record DhtSettings
{
    /// <summary>UDP port; 0 picks a free one (see <see cref="DhtEngine.LocalEndPoint"/>).</summary>
    public int Port { get; init; }

    /// <summary>Address of the IPv4 socket.</summary>
    public IPAddress BindAddress { get; init; } = IPAddress.Any;

    /// <summary>Address of an IPv6 socket with its own routing table (BEP 32); none when null.</summary>
    public IPAddress? BindAddressV6 { get; init; }

    /// <summary>Nodes (<c>host:port</c>) to ask first when the routing table is empty. None by default.</summary>
    public IReadOnlyList<string> BootstrapNodes { get; init; } = [];

    /// <summary>A file that keeps the node id and routing table across restarts; nothing is kept when null.</summary>
    public string? StatePath { get; init; }

    /// <summary>BEP 43: query others but answer no queries; other nodes keep us out of their routing tables.</summary>
    public bool ReadOnly { get; init; }

    /// <summary>BEP 42: keep nodes whose id does not fit their address out of the routing table (local addresses are exempt).</summary>
    public bool EnforceNodeIds { get; init; } = true;

    /// <summary>How long to wait for an answer to a query.</summary>
    public TimeSpan QueryTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Queries answered per second from one address (a token bucket, <see cref="QueryBurst"/> deep); the rest are dropped.</summary>
    public int QueriesPerSecondPerAddress { get; init; } = 20;

    public int QueryBurst { get; init; } = 50;

    /// <summary>Info-hashes whose announced peers we store, and peers per info-hash; beyond these, new ones are dropped.</summary>
    public int MaxStoredInfoHashes { get; init; } = 5000;

    public int MaxPeersPerInfoHash { get; init; } = 200;

    /// <summary>BEP 51: the interval we ask <c>sample_infohashes</c> askers to wait.</summary>
    public TimeSpan SampleInterval { get; init; } = TimeSpan.FromMinutes(5);
}
