namespace Swarmgrid.GrainInterfaces.Torrents;

/// <summary>A move within the queue of active torrents.</summary>
public enum QueueMove
{
    Up,
    Down,
    Top,
    Bottom,
}
