namespace Swarmgrid.BitTorrent.Storage;

/// <summary>A run of bytes of the torrent's stream that falls in one file (or in padding when <see cref="FileIndex"/> is -1).</summary>
/// <param name="FileIndex">Index into <c>Torrent.Files</c>; -1 for pad files and the gaps of v2-only torrents.</param>
/// <param name="FileOffset">Where the run starts in the file.</param>
/// <param name="BufferOffset">Where the run starts in the caller's buffer.</param>
/// <param name="Length">Bytes in the run.</param>
public readonly record struct FileSpan(int FileIndex, long FileOffset, int BufferOffset, int Length);
