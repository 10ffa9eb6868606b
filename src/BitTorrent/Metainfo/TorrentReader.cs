using Swarmgrid.BitTorrent.Bencoding;

namespace Swarmgrid.BitTorrent.Metainfo;

/// <summary>Turns .torrent bytes into a validated <see cref="Torrent"/>.</summary>
internal static class TorrentReader
{
    /// <summary>Larger pieces exist nowhere in practice and would make every reader allocate absurd buffers.</summary>
    public const int MaxPieceLength = 1 << 30;

    /// <param name="bytes">The .torrent file.</param>
    /// <param name="requirePieceLayers">
    /// False for an info dictionary from peers (BEP 9), which never carries the layers. A hybrid never requires them:
    /// its pieces are checked with SHA-1 when the layers are absent.
    /// </param>
    public static Torrent Read(ReadOnlyMemory<byte> bytes, bool requirePieceLayers = true)
    {
        BDictionary root;
        try
        {
            root = BencodeDecoder.DecodeDictionary(bytes, BencodeOptions.Lenient);
        }
        catch (BencodeFormatException e)
        {
            throw new TorrentFormatException(e.Message, e);
        }
        var info = Fields.Required<BDictionary>(root, "info", "metainfo");
        var rawInfo = bytes.Slice(info.Offset, info.Length);
        var name = PathSegments.Validate(
            Fields.Optional<BString>(info, "name.utf-8", "info") ?? Fields.Required<BString>(info, "name", "info"), "name");
        return Assemble(root, info, rawInfo, name, requirePieceLayers);
    }

    private static Torrent Assemble(BDictionary root, BDictionary info, ReadOnlyMemory<byte> rawInfo, string name, bool requirePieceLayers)
    {
        var statedPieceLength = Fields.Required<BInteger>(info, "piece length", "info").Value;
        var metaVersion = Fields.Optional<BInteger>(info, "meta version", "info")?.Value;
        if (metaVersion is not (null or 2))
        {
            throw new TorrentFormatException($"meta version {metaVersion} is not supported");
        }
        var hasV2 = metaVersion == 2;
        var pieces = Fields.Optional<BString>(info, "pieces", "info");
        var hasV1 = pieces is not null;
        if (!hasV1 && !hasV2)
        {
            throw new TorrentFormatException("info has neither 'pieces' (v1) nor 'meta version' 2 (v2)");
        }
        if (statedPieceLength <= 0 || statedPieceLength > MaxPieceLength)
        {
            throw new TorrentFormatException($"piece length {statedPieceLength} is out of range");
        }
        var pieceLength = (int)statedPieceLength;
        if (hasV2 && (pieceLength < MerkleTree.BlockSize || !int.IsPow2(pieceLength)))
        {
            throw new TorrentFormatException($"piece length {pieceLength} is not a power of two of at least 16 KiB, as v2 requires");
        }

        List<FileEntry>? v1Files = hasV1 ? V1FileListReader.Read(info, name) : null;
        List<FileEntry>? v2Files = hasV2 ? V2FileTreeReader.Read(info, name) : null;
        var layers = hasV2 ? PieceLayers.Read(root, v2Files!, pieceLength, requirePieceLayers && !hasV1) : [];
        var files = hasV1 ? LayOutV1(v1Files!, v2Files, pieceLength) : LayOutV2(v2Files!, pieceLength);
        var pieceCount = hasV1 ? CheckV1Pieces(pieces!, files, pieceLength) : V2PieceCount(files, pieceLength);
        if (hasV1 && hasV2 && pieceCount != V2PieceCount(files, pieceLength))
        {
            throw new TorrentFormatException("the v1 and v2 piece counts differ");
        }
        if (files.All(f => f.IsPad || f.Length == 0))
        {
            throw new TorrentFormatException("the torrent has no data");
        }

        return new Torrent(new TorrentParts
        {
            InfoHashes = new InfoHashes(
                hasV1 ? InfoHash.ComputeV1(rawInfo.Span) : null,
                hasV2 ? InfoHash.ComputeV2(rawInfo.Span) : null),
            Version = hasV1 && hasV2 ? TorrentVersion.Hybrid : hasV2 ? TorrentVersion.V2 : TorrentVersion.V1,
            Name = name,
            Files = files,
            PieceLength = pieceLength,
            PieceCount = pieceCount,
            PieceHashes = pieces?.Bytes ?? default,
            PieceLayers = layers,
            IsPrivate = Fields.Optional<BInteger>(info, "private", "info")?.Value == 1,
            Source = Fields.OptionalText(info, "source", "info"),
            AnnounceTiers = AnnounceListReader.ReadTiers(root),
            WebSeeds = AnnounceListReader.ReadWebSeeds(root),
            CreationDate = AnnounceListReader.ReadCreationDate(root),
            Comment = Fields.OptionalText(root, "comment", "metainfo"),
            CreatedBy = Fields.OptionalText(root, "created by", "metainfo"),
            Encoding = Fields.OptionalText(root, "encoding", "metainfo"),
            RawInfo = rawInfo,
        });
    }

    /// <summary>Offsets along the v1 stream; for a hybrid, the v2 tree must list the same files and each must start on a piece.</summary>
    private static List<TorrentFile> LayOutV1(List<FileEntry> v1Files, List<FileEntry>? v2Files, int pieceLength)
    {
        var realFiles = v1Files.Where(f => !f.IsPad).ToList();
        if (v2Files is not null && (realFiles.Count != v2Files.Count || realFiles.Zip(v2Files).Any(p => !p.First.SamePathAndLength(p.Second))))
        {
            throw new TorrentFormatException("the v1 file list and the v2 file tree describe different files");
        }
        var files = new List<TorrentFile>(v1Files.Count);
        long offset = 0;
        var v2Index = 0;
        foreach (var entry in v1Files)
        {
            var root = entry.IsPad || v2Files is null ? default : v2Files[v2Index++].PiecesRoot;
            if (v2Files is not null && !entry.IsPad && entry.Length > 0 && offset % pieceLength != 0)
            {
                throw new TorrentFormatException($"'{string.Join('/', entry.Path)}' does not start on a piece boundary, as a hybrid torrent requires");
            }
            files.Add(new TorrentFile(entry.Path, entry.Length, offset, entry.Attributes, root, entry.Symlink));
            offset = Add(offset, entry.Length);
        }
        return files;
    }

    /// <summary>A v2-only torrent has no pad files, but its pieces behave as if each file started on a piece boundary.</summary>
    private static List<TorrentFile> LayOutV2(List<FileEntry> v2Files, int pieceLength)
    {
        var files = new List<TorrentFile>(v2Files.Count);
        long offset = 0;
        foreach (var entry in v2Files)
        {
            files.Add(new TorrentFile(entry.Path, entry.Length, offset, entry.Attributes, entry.PiecesRoot, entry.Symlink));
            offset = Add(offset, PieceCountOf(entry.Length, pieceLength) * pieceLength);
        }
        return files;
    }

    private static int CheckV1Pieces(BString pieces, List<TorrentFile> files, int pieceLength)
    {
        if (pieces.Bytes.Length % 20 != 0)
        {
            throw new TorrentFormatException($"'pieces' has {pieces.Bytes.Length} bytes, not a multiple of 20");
        }
        var total = files.Count == 0 ? 0 : files[^1].Offset + files[^1].Length;
        var expected = PieceCountOf(total, pieceLength);
        if (pieces.Bytes.Length / 20 != expected)
        {
            throw new TorrentFormatException($"'pieces' has {pieces.Bytes.Length / 20} hashes for {total} bytes in pieces of {pieceLength}");
        }
        return (int)expected;
    }

    private static int V2PieceCount(List<TorrentFile> files, int pieceLength)
    {
        long count = 0;
        foreach (var file in files.Where(f => !f.IsPad))
        {
            count = Add(count, PieceCountOf(file.Length, pieceLength));
        }
        return count <= int.MaxValue ? (int)count : throw new TorrentFormatException("the torrent has more pieces than can be counted");
    }

    private static long PieceCountOf(long length, int pieceLength) => length == 0 ? 0 : (length - 1) / pieceLength + 1;

    private static long Add(long a, long b) =>
        a <= long.MaxValue - b ? a + b : throw new TorrentFormatException("file lengths add up to more than 2^63 bytes");
}
