using System.Security.Cryptography;
using System.Text;
using Swarmgrid.BitTorrent.Bencoding;

namespace Swarmgrid.BitTorrent.Tests.Metainfo;

/// <summary>Small hand-written torrents whose info-hashes were computed independently (Python hashlib).</summary>
public static class KnownTorrents
{
    /// <summary>SHA-1 of <c>d6:lengthi3e4:name5:a.txt12:piece lengthi16384e6:pieces20:&lt;sha1("abc")&gt;e</c>.</summary>
    public const string V1SingleInfoHash = "351c57d9dcabc5c94d4597b137e1b94bea21504c";

    /// <summary>SHA-256 of the info dictionary of <see cref="V2Single"/>.</summary>
    public const string V2SingleInfoHash = "b52e36398307d8ca203a5656310869ed6aeabdd609d25f4963e9dce403399671";

    public const string V2SingleRoot = "ab671631a9fa97a1fdac651fff6c68773b9acf0735b9c7f6ecdd54cbf1bf5dc2";

    public const string V2SingleLeaves =
        "4348e3b98e8a327b34ced39c1da9e67cdb4cd5e48e4d7960607a3ae403d35f0c"
        + "f7c9045c2a79a8a2a587efbf5b310652685b292e6fbb0b08c1df857500da2699"
        + "8ec99c0fa906ccb81a4c7b869839283e273b596b824b31007f6649d31281db63";

    /// <summary>A v1 single-file torrent with unsorted outer keys, as some encoders write them.</summary>
    public static byte[] V1Single() => Concat(
        "d8:announce26:http://tracker.example/ann7:comment2:hi4:infod6:lengthi3e4:name5:a.txt12:piece lengthi16384e6:pieces20:",
        SHA1.HashData("abc"u8),
        "e13:creation datei1700000000ee");

    /// <summary>A v2 torrent of one 40,000-byte file (bytes i mod 251) in 16 KiB pieces.</summary>
    public static byte[] V2Single()
    {
        var root = Convert.FromHexString(V2SingleRoot);
        return Concat(
            "d4:infod9:file treed8:data.bind0:d6:lengthi40000e11:pieces root32:", root,
            "eee12:meta versioni2e4:name8:data.bin12:piece lengthi16384ee12:piece layersd32:", root,
            "96:", Convert.FromHexString(V2SingleLeaves), "ee");
    }

    public static byte[] V2SingleData() => Enumerable.Range(0, 40_000).Select(i => (byte)(i % 251)).ToArray();

    /// <summary>A valid v1 multi-file torrent as a dictionary, for tests that break one thing in it.</summary>
    public static BDictionary V1MultiDictionary()
    {
        var info = new BDictionary
        {
            ["name"] = "folder",
            ["piece length"] = 16_384,
            ["pieces"] = new byte[40],
            ["files"] = new BList([File(10_000, "a.txt"), File(10_000, "sub", "b.txt")]),
        };
        return new BDictionary { ["announce"] = "http://t.example/a", ["info"] = info };
    }

    public static BDictionary File(long length, params string[] path) => new()
    {
        ["length"] = length,
        ["path"] = new BList(path.Select(p => (BValue)p)),
    };

    private static byte[] Concat(params object[] parts) =>
        parts.SelectMany(p => p is string s ? Encoding.UTF8.GetBytes(s) : (byte[])p).ToArray();
}
