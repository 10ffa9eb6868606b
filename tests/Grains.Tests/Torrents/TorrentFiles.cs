using Swarmgrid.BitTorrent.Creation;
using Swarmgrid.BitTorrent.Metainfo;

namespace Swarmgrid.Grains.Tests.Torrents;

/// <summary>A small v1 torrent of one pseudo-random file, its key, and ways to lay its data on disk.</summary>
public sealed record TorrentFiles(byte[] Metainfo, string Key, string Name, byte[] Content, int PieceLength)
{
    public int PieceCount => (Content.Length + PieceLength - 1) / PieceLength;

    public static async Task<TorrentFiles> CreateAsync(string scratch, int pieces, int pieceLength, int seed)
    {
        var content = new byte[pieces * pieceLength];
        new Random(seed).NextBytes(content);
        var source = Path.Combine(scratch, $"source-{seed}", $"data-{seed}.bin");
        Directory.CreateDirectory(Path.GetDirectoryName(source)!);
        await File.WriteAllBytesAsync(source, content);
        var created = await TorrentCreator.CreateAsync(source, new TorrentCreationOptions { Version = TorrentVersion.V1, PieceLength = pieceLength });
        return new TorrentFiles(created.Bytes, created.Torrent.InfoHashes.V1!.Value.ToHex(), created.Torrent.Name, content, pieceLength);
    }

    /// <summary>Writes the first <paramref name="pieces"/> pieces as they should be and zeros for the rest.</summary>
    public async Task WritePiecesAsync(string directory, int pieces)
    {
        Directory.CreateDirectory(directory);
        var data = new byte[Content.Length];
        Content.AsSpan(0, Math.Min(Content.Length, pieces * PieceLength)).CopyTo(data);
        await File.WriteAllBytesAsync(Path.Combine(directory, Name), data);
    }
}
