using Swarmgrid.BitTorrent.Bencoding;

namespace Swarmgrid.BitTorrent.Metainfo;

/// <summary>
/// A parsed .torrent file (v1, v2 or hybrid). Loading validates the structure and the v2 piece layers; the info-hashes
/// are computed over the info dictionary's bytes exactly as they appear in the input.
/// </summary>
public sealed class Torrent
{
    private readonly IReadOnlyDictionary<BString, ReadOnlyMemory<byte>> pieceLayers;

    internal Torrent(TorrentParts parts)
    {
        InfoHashes = parts.InfoHashes;
        Version = parts.Version;
        Name = parts.Name;
        Files = parts.Files;
        PieceLength = parts.PieceLength;
        PieceCount = parts.PieceCount;
        PieceHashes = parts.PieceHashes;
        pieceLayers = parts.PieceLayers;
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

    /// <summary>Parses a .torrent file's bytes. Throws <see cref="TorrentFormatException"/> for anything unusable.</summary>
    public static Torrent Load(ReadOnlyMemory<byte> bytes) => TorrentReader.Read(bytes);

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
    /// (which is then the root over its blocks, not padded to a whole piece). Empty for empty files and v1 torrents.
    /// </summary>
    public ReadOnlyMemory<byte> GetPieceLayer(TorrentFile file)
    {
        if (file.PiecesRoot.IsEmpty)
        {
            return default;
        }
        return file.Length <= PieceLength ? file.PiecesRoot : pieceLayers[new BString(file.PiecesRoot)];
    }

    public override string ToString() => $"{Name} ({Version}, {InfoHashes.Primary})";
}
