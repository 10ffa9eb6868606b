namespace Swarmgrid.GrainInterfaces.Tracker;

/// <summary>The event of an announce; numbered as in the UDP tracker protocol (BEP 15).</summary>
public enum AnnounceEvent : byte
{
    None = 0,
    Completed = 1,
    Started = 2,
    Stopped = 3,
}
