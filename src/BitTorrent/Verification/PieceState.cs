namespace Swarmgrid.BitTorrent.Verification;

/// <summary>What a piece on disk turned out to be.</summary>
public enum PieceState
{
    /// <summary>The data hashes to the torrent's piece hash.</summary>
    Good,

    /// <summary>All files are there but the data does not match.</summary>
    Bad,

    /// <summary>A file the piece needs is absent or too short.</summary>
    Missing,
}
