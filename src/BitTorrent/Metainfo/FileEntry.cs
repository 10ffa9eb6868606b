namespace Swarmgrid.BitTorrent.Metainfo;

/// <summary>A file as one of the info dictionary's file lists states it, before offsets are assigned.</summary>
internal sealed record FileEntry(string[] Path, long Length, TorrentFileAttributes Attributes, ReadOnlyMemory<byte> PiecesRoot, string? Symlink)
{
    public bool IsPad => Attributes.HasFlag(TorrentFileAttributes.Pad);

    public bool SamePathAndLength(FileEntry other) => Length == other.Length && Path.AsSpan().SequenceEqual(other.Path);
}
