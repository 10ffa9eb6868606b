using Swarmgrid.BitTorrent.Bencoding;

namespace Swarmgrid.BitTorrent.Metainfo;

/// <summary>What <see cref="TorrentReader"/> found, handed to the <see cref="Torrent"/> constructor.</summary>
internal sealed record TorrentParts
{
    public required InfoHashes InfoHashes { get; init; }
    public required TorrentVersion Version { get; init; }
    public required string Name { get; init; }
    public required IReadOnlyList<TorrentFile> Files { get; init; }
    public required int PieceLength { get; init; }
    public required int PieceCount { get; init; }
    public required ReadOnlyMemory<byte> PieceHashes { get; init; }
    public required IReadOnlyDictionary<BString, ReadOnlyMemory<byte>> PieceLayers { get; init; }
    public required bool IsPrivate { get; init; }
    public required string? Source { get; init; }
    public required IReadOnlyList<IReadOnlyList<string>> AnnounceTiers { get; init; }
    public required IReadOnlyList<string> WebSeeds { get; init; }
    public required DateTimeOffset? CreationDate { get; init; }
    public required string? Comment { get; init; }
    public required string? CreatedBy { get; init; }
    public required string? Encoding { get; init; }
    public required ReadOnlyMemory<byte> RawInfo { get; init; }
}
