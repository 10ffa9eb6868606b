namespace Swarmgrid.BitTorrent.Metainfo;

/// <summary>Which hash schemes a torrent's info dictionary carries.</summary>
public enum TorrentVersion
{
    /// <summary>BEP 3: SHA-1 piece hashes over the concatenated files.</summary>
    V1,

    /// <summary>BEP 52: per-file SHA-256 merkle trees.</summary>
    V2,

    /// <summary>Both, describing the same files (BEP 52 with BEP 47 pad files).</summary>
    Hybrid,
}
