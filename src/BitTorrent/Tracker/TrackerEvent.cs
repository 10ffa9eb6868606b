namespace Swarmgrid.BitTorrent.Tracker;

/// <summary>The event of an announce. The numeric values are those of the UDP protocol (BEP 15).</summary>
public enum TrackerEvent
{
    /// <summary>A regular announce (HTTP: <c>event</c> absent or empty).</summary>
    None = 0,

    /// <summary>The download finished.</summary>
    Completed = 1,

    /// <summary>The first announce of a download.</summary>
    Started = 2,

    /// <summary>The client stops; the tracker forgets the peer.</summary>
    Stopped = 3,
}
