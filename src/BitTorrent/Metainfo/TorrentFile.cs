namespace Swarmgrid.BitTorrent.Metainfo;

/// <summary>One file of a torrent, as laid out in the piece stream.</summary>
public sealed class TorrentFile
{
    internal TorrentFile(IReadOnlyList<string> pathSegments, long length, long offset, TorrentFileAttributes attributes,
        ReadOnlyMemory<byte> piecesRoot, string? symlinkPath)
    {
        PathSegments = pathSegments;
        Length = length;
        Offset = offset;
        Attributes = attributes;
        PiecesRoot = piecesRoot;
        SymlinkPath = symlinkPath;
    }

    /// <summary>
    /// Path relative to the download directory. For a multi-file torrent the first segment is the torrent's name
    /// (its folder); for a single-file torrent it is just the name. Segments are validated: no <c>..</c>, no separators.
    /// </summary>
    public IReadOnlyList<string> PathSegments { get; }

    /// <summary><see cref="PathSegments"/> joined with '/'.</summary>
    public string Path => string.Join('/', PathSegments);

    public long Length { get; }

    /// <summary>
    /// Where the file starts in the torrent's byte stream. Hybrid and v1 torrents: the v1 piece stream (pad files
    /// included). v2-only torrents: every file starts on a piece boundary, as if pad files were present.
    /// </summary>
    public long Offset { get; }

    public TorrentFileAttributes Attributes { get; }

    public bool IsPad => Attributes.HasFlag(TorrentFileAttributes.Pad);

    /// <summary>The root of the file's SHA-256 merkle tree (v2 and hybrid, non-empty files); empty otherwise.</summary>
    public ReadOnlyMemory<byte> PiecesRoot { get; }

    /// <summary>Target of a symbolic link (<c>symlink path</c>), joined with '/'.</summary>
    public string? SymlinkPath { get; }

    public override string ToString() => $"{Path} ({Length} bytes)";
}
