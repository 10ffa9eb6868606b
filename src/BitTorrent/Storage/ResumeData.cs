using Swarmgrid.BitTorrent.Bencoding;
using Swarmgrid.BitTorrent.Metainfo;
using Swarmgrid.BitTorrent.PeerWire;

namespace Swarmgrid.BitTorrent.Storage;

/// <summary>
/// Fast resume: the verified pieces and, for each file and the part file, the length and last write time seen when they
/// were saved. Stored as a bencoded dictionary: <c>info-hash</c>, <c>pieces</c> (bitfield bytes), <c>files</c> (a list of
/// <c>[length, mtime ticks]</c>), <c>parts</c> (the part file's <c>[length, mtime ticks]</c>; absent in older files).
/// </summary>
public sealed class ResumeData
{
    private ResumeData(Bitfield pieces, IReadOnlyList<(long Length, long Ticks)> files, (long Length, long Ticks) partFile)
    {
        Pieces = pieces;
        Files = files;
        PartFile = partFile;
    }

    public Bitfield Pieces { get; }

    /// <summary>Length and last write time (UTC ticks, 0 when absent) of each file when saved.</summary>
    public IReadOnlyList<(long Length, long Ticks)> Files { get; }

    /// <summary>Length and last write time of the part file when saved; (-1, 0) when there was none.</summary>
    public (long Length, long Ticks) PartFile { get; }

    /// <summary>Records the pieces with the files as they are on disk now.</summary>
    public static ResumeData Capture(TorrentStorage storage, Bitfield pieces) =>
        new(pieces.Clone(), Enumerable.Range(0, storage.Torrent.Files.Count).Select(i => Stat(storage.PathOf(i))).ToArray(), Stat(storage.Parts.Path));

    /// <summary>Writes the file atomically (a temporary file renamed over the old one).</summary>
    public void Save(string path, Torrent torrent)
    {
        var root = new BDictionary
        {
            { "info-hash", torrent.InfoHashes.Primary.ToArray() },
            { "pieces", Pieces.Span.ToArray() },
            { "files", new BList(Files.Select(f => (BValue)new BList([f.Length, f.Ticks]))) },
            { "parts", new BList([PartFile.Length, PartFile.Ticks]) },
        };
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, root.Encode());
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Reads a resume file for <paramref name="torrent"/>; null when absent, unreadable or for another torrent.</summary>
    public static ResumeData? Load(string path, Torrent torrent)
    {
        try
        {
            var root = BencodeDecoder.DecodeDictionary(File.ReadAllBytes(path));
            if (root["info-hash"] is not BString hash || !hash.Span.SequenceEqual(torrent.InfoHashes.Primary.Span)
                || root["pieces"] is not BString pieces || !Bitfield.TryFrom(pieces.Span, torrent.PieceCount, out var bitfield)
                || root["files"] is not BList files || files.Count != torrent.Files.Count)
            {
                return null;
            }
            var stats = new (long, long)[files.Count];
            for (var i = 0; i < files.Count; i++)
            {
                if (files[i] is not BList { Count: 2 } entry || entry[0] is not BInteger length || entry[1] is not BInteger ticks)
                {
                    return null;
                }
                stats[i] = (length.Value, ticks.Value);
            }
            var partFile = root.TryGetValue("parts", out var parts) && parts is BList { Count: 2 } stat && stat[0] is BInteger partLength
                && stat[1] is BInteger partTicks
                    ? (partLength.Value, partTicks.Value)
                    : (-1L, 0L);
            return new ResumeData(bitfield, stats, partFile);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or BencodeFormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// The pieces that can be trusted without hashing: those whose files are all still there, at the length and
    /// write time recorded. <paramref name="missingFiles"/> lists files that held verified pieces and have since
    /// vanished or shrunk (the <c>files_missing</c> condition); <paramref name="changedFiles"/> those whose time or
    /// length differs, whose pieces must be rechecked. When the part file changed, the files kept in it count as changed.
    /// </summary>
    public Bitfield TrustedPieces(TorrentStorage storage, out IReadOnlyList<int> missingFiles, out IReadOnlyList<int> changedFiles)
    {
        var missing = new List<int>();
        var changed = new List<int>();
        var trusted = Pieces.Clone();
        var partFileUnchanged = Stat(storage.Parts.Path) == PartFile;
        for (var i = 0; i < Files.Count; i++)
        {
            var file = storage.Torrent.Files[i];
            if (file.IsPad || file.Length == 0)
            {
                continue;
            }
            var now = Stat(storage.PathOf(i));
            // A file that was and is off disk had its pieces' bytes in the part file: they stand or fall with it.
            var keptOffDisk = now == Files[i] && now.Length < 0;
            if (now == Files[i] && (!keptOffDisk || partFileUnchanged))
            {
                continue;
            }
            var (first, last) = storage.Layout.PiecesOfFile(i);
            var heldData = false;
            for (var piece = first; piece <= last; piece++)
            {
                heldData |= trusted[piece];
                trusted[piece] = false;
            }
            if (heldData)
            {
                (now.Length < file.Length && !keptOffDisk ? missing : changed).Add(i);
            }
        }
        missingFiles = missing;
        changedFiles = changed;
        return trusted;
    }

    private static (long Length, long Ticks) Stat(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? (info.Length, info.LastWriteTimeUtc.Ticks) : (-1, 0);
    }
}
