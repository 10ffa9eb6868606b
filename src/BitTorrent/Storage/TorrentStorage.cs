using Microsoft.Win32.SafeHandles;
using Swarmgrid.BitTorrent.Metainfo;

namespace Swarmgrid.BitTorrent.Storage;

/// <summary>
/// A torrent's files under a download directory, read and written by stream offset with positional I/O, so any number
/// of threads may read and write at once. Pad files and gaps read as zeros and writes to them are dropped.
/// </summary>
public sealed class TorrentStorage : IDisposable
{
    private readonly SafeFileHandle?[] handles;
    private readonly bool[] writable;
    private readonly List<SafeFileHandle> retired = [];
    private readonly Lock gate = new();

    public TorrentStorage(Torrent torrent, string directory)
    {
        Torrent = torrent;
        Directory = directory;
        Layout = new PieceLayout(torrent);
        handles = new SafeFileHandle?[torrent.Files.Count];
        writable = new bool[torrent.Files.Count];
    }

    public Torrent Torrent { get; }

    public string Directory { get; }

    public PieceLayout Layout { get; }

    /// <summary>Where file <paramref name="fileIndex"/> lives on disk.</summary>
    public string PathOf(int fileIndex) => Path.Combine([Directory, .. Torrent.Files[fileIndex].PathSegments]);

    /// <summary>
    /// Creates every wanted file at its full length without writing data (sparse where the file system allows) and
    /// empty files as empty; existing files are left as they are unless shorter.
    /// </summary>
    public void Preallocate(Func<int, bool>? wanted = null)
    {
        for (var i = 0; i < Torrent.Files.Count; i++)
        {
            if (!Torrent.Files[i].IsPad && (wanted?.Invoke(i) ?? true))
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
        foreach (var span in Layout.Spans(offset, data.Length))
        {
            if (span.FileIndex >= 0)
            {
                RandomAccess.Write(Handle(span.FileIndex), data.Slice(span.BufferOffset, span.Length), span.FileOffset);
            }
        }
    }

    /// <summary>Fills <paramref name="buffer"/> from stream offset <paramref name="offset"/>; false when a file is missing or short.</summary>
    public bool TryRead(long offset, Span<byte> buffer)
    {
        foreach (var span in Layout.Spans(offset, buffer.Length))
        {
            var target = buffer.Slice(span.BufferOffset, span.Length);
            if (span.FileIndex < 0)
            {
                target.Clear();
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
    }

    public void Dispose() => Close();

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
