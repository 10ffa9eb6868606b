namespace Swarmgrid.BitTorrent.Creation;

/// <summary>
/// The files of a torrent end to end, as the v1 piece stream sees them. When files are aligned (v2, hybrid), a pad
/// segment of zeros follows every file that does not end on a piece boundary, the last one included, as libtorrent does.
/// </summary>
internal sealed class StreamLayout
{
    private readonly long[] starts;

    private StreamLayout(List<StreamSegment> segments, int pieceLength)
    {
        Segments = segments;
        PieceLength = pieceLength;
        starts = segments.Select(s => s.Offset).ToArray();
        Length = segments.Count == 0 ? 0 : segments[^1].Offset + segments[^1].Length;
        PieceCount = checked((int)((Length + pieceLength - 1) / pieceLength));
    }

    public IReadOnlyList<StreamSegment> Segments { get; }

    public int PieceLength { get; }

    public long Length { get; }

    public int PieceCount { get; }

    /// <summary>A layout from segments already placed end to end (the caller fills gaps with pad segments).</summary>
    public static StreamLayout FromSegments(List<StreamSegment> segments, int pieceLength) => new(segments, pieceLength);

    public static StreamLayout Build(IReadOnlyList<SourceFile> files, int pieceLength, bool alignFiles)
    {
        var segments = new List<StreamSegment>();
        long offset = 0;
        foreach (var file in files)
        {
            segments.Add(new StreamSegment(offset, file.Length, file));
            offset += file.Length;
            var tail = (int)(file.Length % pieceLength);
            if (alignFiles && tail != 0)
            {
                segments.Add(new StreamSegment(offset, pieceLength - tail, null));
                offset += pieceLength - tail;
            }
        }
        return new StreamLayout(segments, pieceLength);
    }

    /// <summary>The first non-empty file at or after <paramref name="offset"/>; in an aligned layout at a piece start, the only file in that piece.</summary>
    public StreamSegment FileAt(long offset)
    {
        var index = SegmentIndexAt(offset);
        while (Segments[index].File is null || Segments[index].Length == 0)
        {
            index++;
        }
        return Segments[index];
    }

    /// <summary>How many bytes of files (not pads) lie in the stream range.</summary>
    public long BytesOfDataIn(long offset, int length) =>
        SegmentsOverlapping(offset, length)
            .Where(segment => segment.File is not null)
            .Sum(segment => Math.Min(segment.Offset + segment.Length, offset + length) - Math.Max(segment.Offset, offset));

    /// <summary>The non-empty segments with bytes in the stream range.</summary>
    public IEnumerable<StreamSegment> SegmentsOverlapping(long offset, int length)
    {
        for (var index = SegmentIndexAt(offset); index < Segments.Count && Segments[index].Offset < offset + length; index++)
        {
            if (Segments[index].Length > 0 && Segments[index].Offset + Segments[index].Length > offset)
            {
                yield return Segments[index];
            }
        }
    }

    /// <summary>Fills <paramref name="buffer"/> with the stream's bytes from <paramref name="offset"/>; pads read as zeros.</summary>
    public void Read(long offset, Span<byte> buffer)
    {
        var index = SegmentIndexAt(offset);
        while (!buffer.IsEmpty)
        {
            var segment = Segments[index++];
            var within = offset - segment.Offset;
            var count = (int)Math.Min(buffer.Length, segment.Length - within);
            if (count <= 0)
            {
                continue;
            }
            if (segment.File is null)
            {
                buffer[..count].Clear();
            }
            else
            {
                ReadFile(segment.File, within, buffer[..count]);
            }
            buffer = buffer[count..];
            offset += count;
        }
    }

    private int SegmentIndexAt(long offset)
    {
        var index = Array.BinarySearch(starts, offset);
        if (index < 0)
        {
            index = ~index - 1;
        }
        // Several segments can start at the same offset when some are empty; take the first.
        while (index > 0 && starts[index - 1] == offset)
        {
            index--;
        }
        return index;
    }

    private static void ReadFile(SourceFile file, long position, Span<byte> buffer)
    {
        using var handle = File.OpenHandle(file.FullPath, FileMode.Open, FileAccess.Read, FileShare.Read);
        while (!buffer.IsEmpty)
        {
            var read = RandomAccess.Read(handle, buffer, position);
            if (read == 0)
            {
                throw new IOException($"{file.FullPath} became shorter than {file.Length} bytes while it was being hashed");
            }
            buffer = buffer[read..];
            position += read;
        }
    }
}

/// <summary>A stretch of the stream: part of a file, or zeros (<see cref="File"/> null) for a pad.</summary>
internal sealed record StreamSegment(long Offset, long Length, SourceFile? File);
