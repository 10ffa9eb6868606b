namespace Swarmgrid.BitTorrent.Client;

/// <summary>Where the engine learned of a peer.</summary>
public enum PeerSource
{
    /// <summary>Added by the caller (<see cref="TorrentManager.AddPeer"/>) or named in the magnet link.</summary>
    Manual,

    /// <summary>A tracker's announce answer.</summary>
    Tracker,

    /// <summary>Another peer's ut_pex message (BEP 11).</summary>
    PeerExchange,

    /// <summary>The DHT (BEP 5).</summary>
    Dht,

    /// <summary>Local service discovery (BEP 14).</summary>
    LocalDiscovery,

    /// <summary>The peer connected to us.</summary>
    Incoming,
}
