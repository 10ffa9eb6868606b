using Swarmgrid.BitTorrent.Bencoding;

namespace Swarmgrid.BitTorrent.Benchmarks;

/// <summary>A large multi-file metainfo (many files, many piece hashes), the worst case a tracker or client decodes.</summary>
public static class LargeMetainfo
{
    public static byte[] Build(int fileCount, int pieceCount)
    {
        var random = new Random(42);
        var files = new BList();
        for (var i = 0; i < fileCount; i++)
        {
            files.Add(new BDictionary
            {
                { "length", random.NextInt64(1, 1L << 32) },
                { "path", new BList { $"directory-{i % 97}", $"file-{i:D6}.bin" } },
            });
        }
        var pieces = new byte[pieceCount * 20];
        random.NextBytes(pieces);
        var info = new BDictionary
        {
            { "files", files },
            { "name", "benchmark" },
            { "piece length", 1L << 20 },
            { "pieces", pieces },
        };
        return new BDictionary
        {
            { "announce", "http://127.0.0.1:8080/announce" },
            { "comment", "bencode decode benchmark" },
            { "info", info },
        }.Encode();
    }
}
