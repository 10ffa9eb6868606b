using Swarmgrid.BitTorrent.Metainfo;

namespace Swarmgrid.BitTorrent.Creation;

/// <summary>What to put in a torrent besides the data. The defaults give deterministic output (no creation date).</summary>
public sealed record TorrentCreationOptions
{
    /// <summary>V1 (SHA-1 only), V2 (SHA-256 merkle only) or Hybrid (both, with BEP 47 pad files).</summary>
    public TorrentVersion Version { get; init; } = TorrentVersion.Hybrid;

    /// <summary>Tracker tiers (BEP 12); the first URL also goes into <c>announce</c>.</summary>
    public IReadOnlyList<IReadOnlyList<string>> AnnounceTiers { get; init; } = [];

    /// <summary>BEP 19 web seeds (<c>url-list</c>).</summary>
    public IReadOnlyList<string> WebSeeds { get; init; } = [];

    /// <summary>Bytes per piece, a power of two of at least 16 KiB; null picks one from the size (<see cref="PieceLengthChooser"/>).</summary>
    public int? PieceLength { get; init; }

    public bool IsPrivate { get; init; }

    public string? Comment { get; init; }

    public string? CreatedBy { get; init; }

    /// <summary>Null leaves the date out, so the same data and options always give the same bytes.</summary>
    public DateTimeOffset? CreationDate { get; init; }

    /// <summary>The info dictionary's <c>source</c>, which changes the info-hash (private trackers use it for cross-seeding).</summary>
    public string? Source { get; init; }

    /// <summary>Threads hashing at once; null uses every core.</summary>
    public int? MaxDegreeOfParallelism { get; init; }
}
