namespace Swarmgrid.BitTorrent.Tracker.Http;

/// <summary>An HTTP announce (BEP 3 with BEP 7, 23 and common extensions), as parsed or as a client builds it.</summary>
public readonly record struct HttpAnnounceRequest
{
    /// <summary>The torrent's info hash (<c>info_hash</c>).</summary>
    public required TrackerHash InfoHash { get; init; }

    /// <summary>The client's peer id (<c>peer_id</c>).</summary>
    public required TrackerHash PeerId { get; init; }

    /// <summary>The port the client listens on, 1–65535 (<c>port</c>).</summary>
    public required ushort Port { get; init; }

    /// <summary>Bytes uploaded since the <see cref="TrackerEvent.Started"/> announce.</summary>
    public long Uploaded { get; init; }

    /// <summary>Bytes downloaded since the <see cref="TrackerEvent.Started"/> announce.</summary>
    public long Downloaded { get; init; }

    /// <summary>Bytes the client still needs; 0 for a seeder.</summary>
    public long Left { get; init; }

    /// <summary>The event; <see cref="TrackerEvent.None"/> when <c>event</c> is absent or empty.</summary>
    public TrackerEvent Event { get; init; }

    /// <summary>Whether compact peers may be sent; true unless the client sent <c>compact=0</c>.</summary>
    public bool Compact { get; init; }

    /// <summary>Whether the client asked to leave peer ids out of a dictionary-model response (<c>no_peer_id</c>).</summary>
    public bool NoPeerId { get; init; }

    /// <summary>Peers wanted: the client's <c>numwant</c> capped by the parser's maximum, or the parser's default.</summary>
    public int NumWant { get; init; }

    /// <summary>The client's <c>key</c>, which identifies it across address changes (Latin-1, byte per char).</summary>
    public string? Key { get; init; }

    /// <summary>The <c>trackerid</c> a previous response gave the client.</summary>
    public string? TrackerId { get; init; }

    /// <summary>The literal address in <c>ip</c>, with <see cref="Port"/>; null when absent or not an address.</summary>
    public PeerEndpoint? Ip { get; init; }

    /// <summary>The IPv4 address in <c>ipv4</c> (BEP 7), with its own port or <see cref="Port"/>; null when absent or invalid.</summary>
    public PeerEndpoint? Ipv4 { get; init; }

    /// <summary>The IPv6 address in <c>ipv6</c> (BEP 7), with its own port or <see cref="Port"/>; null when absent or invalid.</summary>
    public PeerEndpoint? Ipv6 { get; init; }

    /// <summary>Bytes discarded as corrupt (<c>corrupt</c>), when sent.</summary>
    public long? Corrupt { get; init; }

    /// <summary>Whether the client supports encrypted connections (<c>supportcrypto=1</c>).</summary>
    public bool SupportCrypto { get; init; }
}
