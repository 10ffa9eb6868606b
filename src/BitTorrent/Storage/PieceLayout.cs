using Swarmgrid.BitTorrent.Metainfo;

namespace Swarmgrid.BitTorrent.Storage;

/// <summary>
/// Maps a torrent's pieces onto its files. Piece <c>i</c> starts at <c>i * PieceLength</c> in the torrent's stream
/// (<see cref="TorrentFile.Offset"/>). A v1 or hybrid piece runs across files and pad files; a v2-only piece ends
/// with its file, so the last piece of each file may be short.
/// </summary>
public sealed class PieceLayout
{
    private readonly long[] fileStarts;
    private readonly Torrent torrent;

    public PieceLayout(Torrent torrent)
    {
        this.torrent = torrent;
        fileStarts = torrent.Files.Select(f => f.Offset).ToArray();
        var last = torrent.Files.Count == 0 ? null : torrent.Files[^1];
        StreamLength = last is null ? 0 : last.Offset + last.Length;
        PieceCount = torrent.PieceCount;
    }

    public int PieceLength => torrent.PieceLength;

    public int PieceCount { get; }

    /// <summary>Bytes of the stream, pad files included.</summary>
    public long StreamLength { get; }

    public IReadOnlyList<TorrentFile> Files => torrent.Files;

    /// <summary>Bytes in piece <paramref name="piece"/>.</summary>
    public int PieceSize(int piece)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)piece, (uint)PieceCount, nameof(piece));
        var start = (long)piece * PieceLength;
        var end = torrent.HasV1 ? StreamLength : FileAt(start) is var file and >= 0 ? Files[file].Offset + Files[file].Length : start;
        return (int)Math.Min(PieceLength, end - start);
    }

    /// <summary>The file holding stream byte <paramref name="offset"/>, pad files included; -1 past the end.</summary>
    public int FileAt(long offset)
    {
        var index = Array.BinarySearch(fileStarts, offset);
        if (index < 0)
        {
            index = ~index - 1;
        }
        // Empty files share their offset with the next file; step to the one that actually holds the byte.
        while (index >= 0 && index < Files.Count && Files[index].Offset + Files[index].Length <= offset)
        {
            index++;
        }
        return index >= 0 && index < Files.Count && Files[index].Offset <= offset ? index : -1;
    }

    /// <summary>The runs of <paramref name="length"/> bytes from stream offset <paramref name="offset"/>, in order.</summary>
    public List<FileSpan> Spans(long offset, int length)
    {
        var spans = new List<FileSpan>(2);
        var done = 0;
        while (done < length)
        {
            var position = offset + done;
            var index = FileAt(position);
            if (index < 0)
            {
                var next = Array.FindIndex(fileStarts, s => s > position);
                var gap = next < 0 ? length - done : (int)Math.Min(length - done, fileStarts[next] - position);
                spans.Add(new FileSpan(-1, 0, done, gap));
                done += gap;
                continue;
            }
            var file = Files[index];
            var count = (int)Math.Min(length - done, file.Offset + file.Length - position);
            spans.Add(new FileSpan(file.IsPad ? -1 : index, position - file.Offset, done, count));
            done += count;
        }
        return spans;
    }

    /// <summary>Indexes of the real (non-pad) files that piece <paramref name="piece"/> touches.</summary>
    public IEnumerable<int> FilesOfPiece(int piece) =>
        Spans((long)piece * PieceLength, PieceSize(piece)).Where(s => s.FileIndex >= 0).Select(s => s.FileIndex).Distinct();

    /// <summary>The first and last piece touching file <paramref name="fileIndex"/>; (0, -1) for an empty file.</summary>
    public (int First, int Last) PiecesOfFile(int fileIndex)
    {
        var file = Files[fileIndex];
        if (file.Length == 0)
        {
            return (0, -1);
        }
        return ((int)(file.Offset / PieceLength), (int)((file.Offset + file.Length - 1) / PieceLength));
    }
}
