using Microsoft.Win32.SafeHandles;
using Swarmgrid.BitTorrent.Metainfo;

namespace Swarmgrid.BitTorrent.Storage;

/// <summary>
/// A torrent's files under a download directory, read and written by stream offset with positional I/O, so any number
/// of threads may read and write at once. Pad files and gaps read as zeros and writes to them are dropped. The bytes
/// of files kept off disk (see <see cref="SetSkipped"/>) go to the torrent's <see cref="PartFile"/> instead.
/// </summary>
public sealed class TorrentStorage : IDisposable
{
    private readonly SafeFileHandle?[] handles;
    private readonly bool[] writable;
    private readonly bool[] inPartFile;
    private readonly List<SafeFileHandle> retired = [];
    private readonly Lock gate = new();
    // Reads and writes share it; moving a file in or out of the part file takes it alone, so no write lands on the old side.
    private readonly ReaderWriterLockSlim routing = new();

    public TorrentStorage(Torrent torrent, string directory)
    {
        Torrent = torrent;
        Directory = directory;
        Layout = new PieceLayout(torrent);
        handles = new SafeFileHandle?[torrent.Files.Count];
        writable = new bool[torrent.Files.Count];
        Parts = new PartFile(PartFilePath(torrent, directory), Math.Max(1, torrent.PieceCount), torrent.PieceLength);
        inPartFile = new bool[torrent.Files.Count];
        // A file missing from disk whose pieces are in the part file was skipped when they were written: its bytes are there.
        foreach (var piece in Parts.Pieces)
        {
            foreach (var file in Layout.FilesOfPiece(piece))
            {
                inPartFile[file] = !File.Exists(PathOf(file));
            }
        }
    }

    public Torrent Torrent { get; }

    public string Directory { get; }

    public PieceLayout Layout { get; }

    /// <summary>The blocks of pieces that fall in files kept off disk.</summary>
    public PartFile Parts { get; }

    /// <summary>Where file <paramref name="fileIndex"/> lives on disk.</summary>
    public string PathOf(int fileIndex) => Path.Combine([Directory, .. Torrent.Files[fileIndex].PathSegments]);

    /// <summary>
    /// Where a torrent's part file lives: <c>.&lt;info-hash hex&gt;.parts</c> in its directory, hidden beside the resume
    /// file, as libtorrent names its own.
    /// </summary>
    public static string PartFilePath(Torrent torrent, string directory) => Path.Combine(directory, $".{torrent.InfoHashes.Primary.ToHex()}.parts");

    /// <summary>Whether file <paramref name="fileIndex"/>'s bytes are kept in the part file rather than on disk.</summary>
    public bool IsInPartFile(int fileIndex) => Volatile.Read(ref inPartFile[fileIndex]);

    /// <summary>
    /// Skipping a file keeps it off disk: the bytes of its pieces that later arrive go to the part file (a file that
    /// already exists is written in place, as before). Un-skipping moves the file's bytes from the part file into the
    /// real file. Either way pieces no longer needed in the part file leave it, and the part file goes when empty.
    /// </summary>
    public void SetSkipped(int fileIndex, bool skipped)
    {
        if (Torrent.Files[fileIndex].IsPad || skipped == IsInPartFile(fileIndex))
        {
            return;
        }
        routing.EnterWriteLock();
        try
        {
            if (skipped)
            {
                if (!File.Exists(PathOf(fileIndex)))
                {
                    inPartFile[fileIndex] = true;
                }
                return;
            }
            MoveOutOfPartFile(fileIndex);
            inPartFile[fileIndex] = false;
            foreach (var piece in Parts.Pieces)
            {
                if (!Layout.FilesOfPiece(piece).Any(f => inPartFile[f]))
                {
                    Parts.Remove(piece);
                }
            }
        }
        finally
        {
            routing.ExitWriteLock();
        }
    }

    /// <summary>
    /// Creates every wanted file at its full length without writing data (sparse where the file system allows) and
    /// empty files as empty; existing files are left as they are unless shorter.
    /// </summary>
    public void Preallocate(Func<int, bool>? wanted = null)
    {
        for (var i = 0; i < Torrent.Files.Count; i++)
        {
            if (!Torrent.Files[i].IsPad && !IsInPartFile(i) && (wanted?.Invoke(i) ?? true))
            {
                var handle = Handle(i);
                if (RandomAccess.GetLength(handle) < Torrent.Files[i].Length)
                {
                    RandomAccess.SetLength(handle, Torrent.Files[i].Length);
                }
            }
        }
    }

    /// <summary>Writes <paramref name="data"/> at stream offset <paramref name="offset"/>.</summary>
    public void Write(long offset, ReadOnlySpan<byte> data)
    {
        routing.EnterReadLock();
        try
        {
            foreach (var span in Layout.Spans(offset, data.Length))
            {
                var source = data.Slice(span.BufferOffset, span.Length);
                if (span.FileIndex < 0)
                {
                    continue;
                }
                if (inPartFile[span.FileIndex])
                {
                    foreach (var (piece, pieceOffset, at, length) in PieceRuns(offset + span.BufferOffset, span.Length))
                    {
                        Parts.Write(piece, pieceOffset, source.Slice(at, length));
                    }
                    continue;
                }
                RandomAccess.Write(Handle(span.FileIndex), source, span.FileOffset);
            }
        }
        finally
        {
            routing.ExitReadLock();
        }
    }

    /// <summary>Fills <paramref name="buffer"/> from stream offset <paramref name="offset"/>; false when a file is missing or short.</summary>
    public bool TryRead(long offset, Span<byte> buffer)
    {
        routing.EnterReadLock();
        try
        {
            return TryReadRouted(offset, buffer);
        }
        finally
        {
            routing.ExitReadLock();
        }
    }

    private bool TryReadRouted(long offset, Span<byte> buffer)
    {
        foreach (var span in Layout.Spans(offset, buffer.Length))
        {
            var target = buffer.Slice(span.BufferOffset, span.Length);
            if (span.FileIndex < 0)
            {
                target.Clear();
                continue;
            }
            if (inPartFile[span.FileIndex])
            {
                foreach (var (piece, pieceOffset, at, length) in PieceRuns(offset + span.BufferOffset, span.Length))
                {
                    if (!Parts.TryRead(piece, pieceOffset, target.Slice(at, length)))
                    {
                        return false;
                    }
                }
                continue;
            }
            var handle = ExistingHandle(span.FileIndex);
            if (handle is null)
            {
                return false;
            }
            var done = 0;
            while (done < target.Length)
            {
                var read = RandomAccess.Read(handle, target[done..], span.FileOffset + done);
                if (read == 0)
                {
                    return false;
                }
                done += read;
            }
        }
        return true;
    }

    /// <summary>Reads piece <paramref name="piece"/> and checks it against its hash.</summary>
    public bool VerifyPiece(int piece, Span<byte> buffer)
    {
        var data = buffer[..Layout.PieceSize(piece)];
        return TryRead((long)piece * Layout.PieceLength, data) && PieceHashCheck.IsValid(Torrent, Layout, piece, data);
    }

    /// <summary>Flushes written data to disk.</summary>
    public void Flush()
    {
        Parts.Flush();
        lock (gate)
        {
            foreach (var handle in handles)
            {
                if (handle is not null)
                {
                    RandomAccess.FlushToDisk(handle);
                }
            }
        }
    }

    /// <summary>Closes every file; later reads and writes reopen them.</summary>
    public void Close()
    {
        lock (gate)
        {
            for (var i = 0; i < handles.Length; i++)
            {
                handles[i]?.Dispose();
                handles[i] = null;
            }
            retired.ForEach(h => h.Dispose());
            retired.Clear();
        }
        Parts.Close();
    }

    public void Dispose() => Close();

    /// <summary>Copies the file's ranges of every piece in the part file to the file itself. Under the routing write lock.</summary>
    private void MoveOutOfPartFile(int fileIndex)
    {
        var file = Torrent.Files[fileIndex];
        var (first, last) = Layout.PiecesOfFile(fileIndex);
        var buffer = new byte[Layout.PieceLength];
        foreach (var piece in Parts.Pieces.Where(p => p >= first && p <= last))
        {
            var pieceStart = (long)piece * Layout.PieceLength;
            var start = Math.Max(pieceStart, file.Offset);
            var length = (int)(Math.Min(pieceStart + Layout.PieceSize(piece), file.Offset + file.Length) - start);
            var bytes = buffer.AsSpan(0, length);
            if (Parts.TryRead(piece, (int)(start - pieceStart), bytes))
            {
                RandomAccess.Write(Handle(fileIndex), bytes, start - file.Offset);
            }
        }
    }

    /// <summary>The stream range split at piece boundaries: each run's piece, offset in it, offset in the range, and length.</summary>
    private IEnumerable<(int Piece, int PieceOffset, int At, int Length)> PieceRuns(long offset, int length)
    {
        var done = 0;
        while (done < length)
        {
            var position = offset + done;
            var piece = (int)(position / Layout.PieceLength);
            var pieceOffset = (int)(position - (long)piece * Layout.PieceLength);
            var run = Math.Min(length - done, Layout.PieceLength - pieceOffset);
            yield return (piece, pieceOffset, done, run);
            done += run;
        }
    }

    private SafeFileHandle Handle(int fileIndex)
    {
        lock (gate)
        {
            if (handles[fileIndex] is { IsClosed: false } open && writable[fileIndex])
            {
                return open;
            }
            // A reader on another thread may still hold the read-only handle; it is closed with the others.
            if (handles[fileIndex] is { } readOnly)
            {
                retired.Add(readOnly);
            }
            var path = PathOf(fileIndex);
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            writable[fileIndex] = true;
            return handles[fileIndex] = File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        }
    }

    private SafeFileHandle? ExistingHandle(int fileIndex)
    {
        lock (gate)
        {
            if (handles[fileIndex] is { IsClosed: false } open)
            {
                return open;
            }
            var path = PathOf(fileIndex);
            if (!File.Exists(path))
            {
                return null;
            }
            try
            {
                writable[fileIndex] = false;
                return handles[fileIndex] = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            }
            catch (IOException)
            {
                return null;
            }
            catch (UnauthorizedAccessException)
            {
                return null;
            }
        }
    }
}
