namespace Swarmgrid.BitTorrent.Tracker.Udp;

/// <summary>The action field of a BEP 15 packet.</summary>
public enum UdpTrackerAction
{
    /// <summary>Obtain a connection id.</summary>
    Connect = 0,

    /// <summary>Announce.</summary>
    Announce = 1,

    /// <summary>Scrape.</summary>
    Scrape = 2,

    /// <summary>An error response (never a request).</summary>
    Error = 3,
}
