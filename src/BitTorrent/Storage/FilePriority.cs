namespace Swarmgrid.BitTorrent.Storage;

/// <summary>
/// How much a file is wanted. Pieces of higher-priority files are picked first; skipped files are not fetched nor
/// created, and the bytes of pieces they share with wanted files are kept in the part file (<see cref="PartFile"/>).
/// </summary>
public enum FilePriority
{
    Skip = 0,
    Normal = 1,
    High = 2,
    Max = 3,
}
