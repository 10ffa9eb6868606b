namespace Swarmgrid.Grains.Tracker;

/// <summary>Tracker policy, bound from the <c>Tracker</c> configuration section.</summary>
public sealed class TrackerOptions
{
    public const string Section = "Tracker";

    /// <summary>How often clients should announce (<c>interval</c>).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The least time between announces a client must keep (<c>min interval</c>).</summary>
    public TimeSpan MinInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A peer that has not announced for this many intervals is dropped.</summary>
    public double PeerTimeoutIntervals { get; set; } = 2;

    /// <summary>Peers returned when the client does not say (<c>numwant</c> absent).</summary>
    public int DefaultNumWant { get; set; } = 50;

    /// <summary>The most peers returned whatever the client asks.</summary>
    public int MaxNumWant { get; set; } = 200;

    /// <summary>How often a swarm expires quiet peers and writes its batched figures and user traffic.</summary>
    public TimeSpan FlushPeriod { get; set; } = TimeSpan.FromSeconds(15);

    public TimeSpan PeerTimeout => Interval * PeerTimeoutIntervals;
}
