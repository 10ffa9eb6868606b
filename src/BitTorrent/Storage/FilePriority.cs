namespace Swarmgrid.BitTorrent.Storage;

/// <summary>How much a file is wanted. Pieces of higher-priority files are picked first; skipped files are not fetched.</summary>
public enum FilePriority
{
    Skip = 0,
    Normal = 1,
    High = 2,
    Max = 3,
}
