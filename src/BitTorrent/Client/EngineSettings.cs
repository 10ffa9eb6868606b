using System.Net;

namespace Swarmgrid.BitTorrent.Client;

/// <summary>How a <see cref="ClientEngine"/> connects, listens and shares bandwidth.</summary>
public sealed record EngineSettings
{
    /// <summary>TCP port for incoming peers; 0 picks a free one (see <see cref="ClientEngine.ListenPort"/>).</summary>
    public int ListenPort { get; init; }

    /// <summary>Address to listen on; <see cref="IPAddress.IPv6Any"/> takes IPv4 and IPv6.</summary>
    public IPAddress ListenAddress { get; init; } = IPAddress.IPv6Any;

    /// <summary>Whether to accept incoming peers at all.</summary>
    public bool AcceptIncoming { get; init; } = true;

    /// <summary>Open connections per torrent, incoming and outgoing together.</summary>
    public int MaxConnectionsPerTorrent { get; init; } = 60;

    /// <summary>Bytes per second across all torrents; 0 for no limit.</summary>
    public long MaxDownloadRate { get; init; }

    /// <summary>Bytes per second across all torrents; 0 for no limit.</summary>
    public long MaxUploadRate { get; init; }

    /// <summary>Peers unchoked at once per torrent, the optimistic slot included.</summary>
    public int UnchokeSlots { get; init; } = 8;

    /// <summary>Pieces a peer may send that fail their hash check before it is banned.</summary>
    public int BadPiecesBeforeBan { get; init; } = 3;

    /// <summary>Requests kept outstanding to a fresh peer; grows with its rate.</summary>
    public int InitialRequestQueueDepth { get; init; } = 64;

    /// <summary>The most requests ever outstanding to one peer.</summary>
    public int MaxRequestQueueDepth { get; init; } = 1000;

    /// <summary>Downloads running at once; others wait in the queue.</summary>
    public int MaxActiveDownloads { get; init; } = 8;

    /// <summary>Seeds running at once; others wait in the queue.</summary>
    public int MaxActiveSeeds { get; init; } = 16;

    /// <summary>Peers that may never connect (an IP blocklist).</summary>
    public IpFilter? Blocklist { get; init; }

    /// <summary>The 20-byte peer id; a fresh Azureus-style id (<c>-SG0100-</c> and random bytes) when null.</summary>
    public byte[]? PeerId { get; init; }

    /// <summary>A keep-alive goes to a peer we have sent nothing for this long.</summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>A peer that sends nothing, not even a keep-alive, for this long is disconnected.</summary>
    public TimeSpan PeerIdleTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>A peer that leaves our requests unanswered this long is snubbed: its requests go to other peers.</summary>
    public TimeSpan SnubTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Client name sent in the extension handshake.</summary>
    public string ClientName { get; init; } = "Swarmgrid 0.1";
}
