using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace Swarmgrid.BitTorrent.Storage;

/// <summary>
/// Holds the bytes of pieces that fall in files kept off disk (skipped files), so a piece straddling a skipped and a
/// wanted file can still be hashed, verified and served. A file of piece-sized slots: a header of
/// <c>[piece count, piece length]</c> and then one slot number per piece (-1 for none), all 32-bit little-endian, rounded
/// up to 4 KiB; slot <c>s</c> follows at <c>header + s * piece length</c>, holding the piece's bytes at their place in
/// the piece (only the ranges of files kept here are meaningful). Created on the first write, deleted when it holds no
/// piece. Safe for many threads.
/// </summary>
public sealed class PartFile : IDisposable
{
    private const int HeaderAlignment = 4096;
    private const int NoSlot = -1;

    private readonly int[] slotOf;
    private readonly int pieceLength;
    private readonly long headerSize;
    private readonly Lock gate = new();
    private SafeFileHandle? handle;
    private bool headerOnDisk;
    private int count;

    public PartFile(string path, int pieceCount, int pieceLength)
    {
        Path = path;
        this.pieceLength = pieceLength;
        slotOf = new int[pieceCount];
        Array.Fill(slotOf, NoSlot);
        headerSize = (8L + 4L * pieceCount + HeaderAlignment - 1) / HeaderAlignment * HeaderAlignment;
        Load();
    }

    public string Path { get; }

    /// <summary>The pieces with a slot, in order.</summary>
    public IReadOnlyList<int> Pieces
    {
        get
        {
            lock (gate)
            {
                return Enumerable.Range(0, slotOf.Length).Where(p => slotOf[p] != NoSlot).ToArray();
            }
        }
    }

    public bool Contains(int piece)
    {
        lock (gate)
        {
            return slotOf[piece] != NoSlot;
        }
    }

    /// <summary>Writes <paramref name="data"/> at <paramref name="offset"/> in piece <paramref name="piece"/>, giving the piece a slot if it has none.</summary>
    public void Write(int piece, int offset, ReadOnlySpan<byte> data)
    {
        lock (gate)
        {
            var slot = slotOf[piece];
            if (slot == NoSlot)
            {
                slot = FreeSlot();
                SetSlot(piece, slot);
            }
            RandomAccess.Write(Open(), data, SlotStart(slot) + offset);
        }
    }

    /// <summary>Fills <paramref name="buffer"/> from <paramref name="offset"/> in piece <paramref name="piece"/>; false when the piece has no slot.</summary>
    public bool TryRead(int piece, int offset, Span<byte> buffer)
    {
        lock (gate)
        {
            var slot = slotOf[piece];
            if (slot == NoSlot)
            {
                return false;
            }
            var done = 0;
            while (done < buffer.Length)
            {
                var read = RandomAccess.Read(Open(), buffer[done..], SlotStart(slot) + offset + done);
                if (read == 0)
                {
                    // Past the end of the file: bytes of the slot never written.
                    buffer[done..].Clear();
                    break;
                }
                done += read;
            }
            return true;
        }
    }

    /// <summary>Frees the piece's slot; the file is deleted when no piece is left.</summary>
    public void Remove(int piece)
    {
        lock (gate)
        {
            if (slotOf[piece] == NoSlot)
            {
                return;
            }
            SetSlot(piece, NoSlot);
            if (count == 0)
            {
                DeleteFile();
            }
        }
    }

    public void Flush()
    {
        lock (gate)
        {
            if (handle is not null)
            {
                RandomAccess.FlushToDisk(handle);
            }
        }
    }

    /// <summary>Closes the file; later calls reopen it.</summary>
    public void Close()
    {
        lock (gate)
        {
            handle?.Dispose();
            handle = null;
        }
    }

    public void Dispose() => Close();

    private void Load()
    {
        if (!File.Exists(Path))
        {
            return;
        }
        var header = new byte[headerSize];
        using (var reading = File.OpenHandle(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        {
            if (RandomAccess.Read(reading, header, 0) < 8 + 4 * slotOf.Length)
            {
                return;
            }
        }
        if (BinaryPrimitives.ReadInt32LittleEndian(header) != slotOf.Length || BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(4)) != pieceLength)
        {
            // Another torrent's or a damaged part file: its slots mean nothing here and are overwritten.
            return;
        }
        var used = new HashSet<int>();
        for (var piece = 0; piece < slotOf.Length; piece++)
        {
            var slot = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(8 + 4 * piece));
            if (slot >= 0 && used.Add(slot))
            {
                slotOf[piece] = slot;
                count++;
            }
        }
        headerOnDisk = true;
    }

    private int FreeSlot()
    {
        var used = slotOf.Where(s => s != NoSlot).ToHashSet();
        var slot = 0;
        while (used.Contains(slot))
        {
            slot++;
        }
        return slot;
    }

    private void SetSlot(int piece, int slot)
    {
        count += (slot == NoSlot ? -1 : 1);
        slotOf[piece] = slot;
        Span<byte> entry = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(entry, slot);
        RandomAccess.Write(Open(), entry, 8 + 4L * piece);
    }

    private SafeFileHandle Open()
    {
        if (handle is { IsClosed: false })
        {
            return handle;
        }
        handle = File.OpenHandle(Path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        if (!headerOnDisk)
        {
            var header = new byte[headerSize];
            BinaryPrimitives.WriteInt32LittleEndian(header, slotOf.Length);
            BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(4), pieceLength);
            for (var piece = 0; piece < slotOf.Length; piece++)
            {
                BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(8 + 4 * piece), slotOf[piece]);
            }
            RandomAccess.Write(handle, header, 0);
            headerOnDisk = true;
        }
        return handle;
    }

    private long SlotStart(int slot) => headerSize + (long)slot * pieceLength;

    private void DeleteFile()
    {
        handle?.Dispose();
        handle = null;
        headerOnDisk = false;
        File.Delete(Path);
    }
}
