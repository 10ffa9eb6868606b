using System.Collections.Concurrent;
using Swarmgrid.BitTorrent.Bencoding;

namespace Swarmgrid.BitTorrent.Metainfo;

/// <summary>
/// A parsed .torrent file (v1, v2 or hybrid). Loading validates the structure and the v2 piece layers; the info-hashes
/// are computed over the info dictionary's bytes exactly as they appear in the input.
/// </summary>
public sealed class Torrent
{
    private readonly ConcurrentDictionary<BString, ReadOnlyMemory<byte>> pieceLayers;

    internal Torrent(TorrentParts parts)
    {
        InfoHashes = parts.InfoHashes;
        Version = parts.Version;
        Name = parts.Name;
        Files = parts.Files;
        PieceLength = parts.PieceLength;
        PieceCount = parts.PieceCount;
        PieceHashes = parts.PieceHashes;
        pieceLayers = new ConcurrentDictionary<BString, ReadOnlyMemory<byte>>(parts.PieceLayers);
        IsPrivate = parts.IsPrivate;
        Source = parts.Source;
        AnnounceTiers = parts.AnnounceTiers;
        WebSeeds = parts.WebSeeds;
        CreationDate = parts.CreationDate;
        Comment = parts.Comment;
        CreatedBy = parts.CreatedBy;
        Encoding = parts.Encoding;
        RawInfo = parts.RawInfo;
        TotalSize = parts.Files.Where(f => !f.IsPad).Sum(f => f.Length);
    }

    public InfoHashes InfoHashes { get; }

    public TorrentVersion Version { get; }

    /// <summary>Suggested name of the file (single-file torrent) or folder.</summary>
    public string Name { get; }

    /// <summary>Files in piece order, pad files included (see <see cref="TorrentFile.IsPad"/>).</summary>
    public IReadOnlyList<TorrentFile> Files { get; }

    /// <summary>Bytes of real data: the sum of the lengths of the files that are not pad files.</summary>
    public long TotalSize { get; }

    public int PieceLength { get; }

    /// <summary>Number of v1 pieces; for a v2-only torrent the sum of each file's piece count.</summary>
    public int PieceCount { get; }

    /// <summary>Concatenated 20-byte SHA-1 piece hashes (v1 and hybrid); empty for v2-only torrents.</summary>
    public ReadOnlyMemory<byte> PieceHashes { get; }

    /// <summary>BEP 27: peers only from the torrent's trackers, no DHT or peer exchange.</summary>
    public bool IsPrivate { get; }

    /// <summary>The info dictionary's <c>source</c> tag, which private trackers use to make distinct info-hashes.</summary>
    public string? Source { get; }

    /// <summary>Tracker tiers (BEP 12); a lone <c>announce</c> URL is one tier of one.</summary>
    public IReadOnlyList<IReadOnlyList<string>> AnnounceTiers { get; }

    /// <summary>BEP 19 web seed URLs (<c>url-list</c>).</summary>
    public IReadOnlyList<string> WebSeeds { get; }

    public DateTimeOffset? CreationDate { get; }

    public string? Comment { get; }

    public string? CreatedBy { get; }

    public string? Encoding { get; }

    /// <summary>The info dictionary exactly as received; the info-hashes are over these bytes.</summary>
    public ReadOnlyMemory<byte> RawInfo { get; }

    public bool HasV1 => Version is TorrentVersion.V1 or TorrentVersion.Hybrid;

    public bool HasV2 => Version is TorrentVersion.V2 or TorrentVersion.Hybrid;

    /// <summary>
    /// Whether every file longer than one piece has its v2 piece layer. Always true for v1 torrents and for v2-only
    /// .torrent files (which must carry the layers); false for a v2-only torrent built from the info dictionary alone
    /// (a magnet link's metadata) until the layers arrive from peers (BEP 52 hash requests), and for a hybrid without
    /// them (its pieces are checked with SHA-1).
    /// </summary>
    public bool HasAllPieceLayers => !HasV2 || Files.All(HasPieceLayer);

    /// <summary>Parses a .torrent file's bytes. Throws <see cref="TorrentFormatException"/> for anything unusable.</summary>
    public static Torrent Load(ReadOnlyMemory<byte> bytes) => TorrentReader.Read(bytes);

    /// <summary>
    /// Parses an info dictionary on its own (BEP 9 metadata). A v2 or hybrid torrent comes without piece layers;
    /// <see cref="TryAddPieceLayer"/> completes it.
    /// </summary>
    public static Torrent LoadInfo(ReadOnlySpan<byte> info) => TorrentReader.Read((byte[])[.. "d4:info"u8, .. info, (byte)'e'], requirePieceLayers: false);

    /// <summary>Whether the v2 piece hashes of <paramref name="file"/> are known (true for files of one piece or less).</summary>
    public bool HasPieceLayer(TorrentFile file) =>
        file.PiecesRoot.IsEmpty || file.Length <= PieceLength || pieceLayers.ContainsKey(new BString(file.PiecesRoot));

    /// <summary>
    /// Adds a file's piece layer learned from peers; false (and nothing kept) unless it has the right size and hashes
    /// up to the file's pieces root.
    /// </summary>
    public bool TryAddPieceLayer(TorrentFile file, ReadOnlySpan<byte> layer)
    {
        if (file.PiecesRoot.IsEmpty || file.Length <= PieceLength)
        {
            return false;
        }
        var pieces = (file.Length - 1) / PieceLength + 1;
        if (layer.Length != pieces * MerkleTree.HashSize
            || !MerkleTree.RootFromPieceLayer(layer, PieceLength).AsSpan().SequenceEqual(file.PiecesRoot.Span))
        {
            return false;
        }
        pieceLayers.TryAdd(new BString(file.PiecesRoot), layer.ToArray());
        return true;
    }

    /// <summary>The known piece layers by pieces root, as the outer <c>piece layers</c> dictionary holds them.</summary>
    public IReadOnlyDictionary<ReadOnlyMemory<byte>, ReadOnlyMemory<byte>> KnownPieceLayers =>
        pieceLayers.ToDictionary(e => (ReadOnlyMemory<byte>)e.Key.Bytes, e => e.Value);

    /// <summary>Reads and parses a .torrent file.</summary>
    public static Torrent Load(string path)
    {
        var length = new FileInfo(path).Length;
        if (length > BencodeOptions.Lenient.MaxInputBytes)
        {
            throw new TorrentFormatException($"the file has {length} bytes, more than any torrent should");
        }
        return Load(File.ReadAllBytes(path));
    }

    /// <summary>The 20-byte SHA-1 hash of v1 piece <paramref name="index"/>.</summary>
    public ReadOnlyMemory<byte> GetPieceHash(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, PieceHashes.Length / 20);
        return PieceHashes.Slice(index * 20, 20);
    }

    /// <summary>
    /// A file's v2 piece hashes, 32 bytes each: its piece layer, or for a file of at most one piece its pieces root
    /// (which is then the root over its blocks, not padded to a whole piece). Empty for empty files, v1 torrents, and
    /// layers not yet known (see <see cref="HasPieceLayer"/>).
    /// </summary>
    public ReadOnlyMemory<byte> GetPieceLayer(TorrentFile file)
    {
        if (file.PiecesRoot.IsEmpty)
        {
            return default;
        }
        return file.Length <= PieceLength ? file.PiecesRoot : pieceLayers.GetValueOrDefault(new BString(file.PiecesRoot));
    }

    public override string ToString() => $"{Name} ({Version}, {InfoHashes.Primary})";
}
