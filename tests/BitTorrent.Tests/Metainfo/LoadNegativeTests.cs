using Swarmgrid.BitTorrent.Bencoding;
using Swarmgrid.BitTorrent.Metainfo;

namespace Swarmgrid.BitTorrent.Tests.Metainfo;

public sealed class LoadNegativeTests
{
    [Fact]
    public void Load_TheUnbrokenSamples_Succeed()
    {
        Assert.Equal(2, Torrent.Load(KnownTorrents.V1MultiDictionary().Encode()).Files.Count);
        Assert.Single(Torrent.Load(V2().Encode()).Files);
    }

    [Fact]
    public void Load_PiecesNotMultipleOf20_Fails() => FailsWithV1Info(info => info["pieces"] = new byte[39], "multiple of 20");

    [Fact]
    public void Load_PieceCountDisagreesWithLength_Fails() => FailsWithV1Info(info => info["pieces"] = new byte[60], "hashes for");

    [Theory]
    [InlineData(0)]
    [InlineData(-16384)]
    [InlineData(1L << 40)]
    public void Load_BadPieceLength_Fails(long pieceLength) => FailsWithV1Info(info => info["piece length"] = pieceLength, "piece length");

    [Theory]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("")]
    [InlineData("/etc")]
    [InlineData("a/../../b")]
    [InlineData("c:\\windows")]
    [InlineData("C:")]
    public void Load_PathTraversalInFiles_Fails(string segment) =>
        FailsWithV1Info(info => info["files"] = new BList([KnownTorrents.File(20_000, "ok", segment)]), "path segment");

    [Theory]
    [InlineData("..")]
    [InlineData("/abs")]
    public void Load_PathTraversalInName_Fails(string name) => FailsWithV1Info(info => info["name"] = name, "name");

    [Fact]
    public void Load_PathTraversalInFileTree_Fails()
    {
        var torrent = V2();
        var tree = torrent.Get<BDictionary>("info")!.Get<BDictionary>("file tree")!;
        var file = tree["data.bin"]!;
        tree["data.bin"] = null;
        tree[".."] = new BDictionary { ["x"] = file };
        Fails(torrent, "path segment");
    }

    [Fact]
    public void Load_WrongTypes_Fail()
    {
        FailsWithV1Info(info => info["name"] = 5, "'name' in info is an integer");
        FailsWithV1Info(info => info["piece length"] = "16384", "expected an integer");
        FailsWithV1Info(info => info["files"] = "a.txt", "expected a list");
        FailsWithV1Info(info => info["files"] = new BList([(BValue)"a.txt"]), "not a dictionary");
        FailsWithV1Info(info => info["files"] = new BList([KnownTorrents.File(20_000, "a").With("length", "20000")]), "length");
        var root = KnownTorrents.V1MultiDictionary();
        root["announce-list"] = "http://t.example/a";
        Fails(root, "announce-list");
        root = KnownTorrents.V1MultiDictionary();
        root["info"] = new BList();
        Fails(root, "'info' in metainfo is a list");
    }

    [Fact]
    public void Load_MissingKeys_Fail()
    {
        FailsWithV1Info(info => info["name"] = null, "no 'name'");
        FailsWithV1Info(info => info["piece length"] = null, "no 'piece length'");
        FailsWithV1Info(info => info["pieces"] = null, "neither 'pieces'");
        FailsWithV1Info(info => info["files"] = null, "exactly one of");
        FailsWithV1Info(info => info["length"] = 20_000, "exactly one of");
        FailsWithV1Info(info => info["files"] = new BList(), "empty");
        var root = KnownTorrents.V1MultiDictionary();
        root["info"] = null;
        Fails(root, "no 'info'");
    }

    [Fact]
    public void Load_NegativeLength_Fails() =>
        FailsWithV1Info(info => info["files"] = new BList([KnownTorrents.File(-1, "a"), KnownTorrents.File(20_001, "b")]), "negative");

    [Fact]
    public void Load_LengthsOverflowingLong_Fail() =>
        FailsWithV1Info(info => info["files"] = new BList([KnownTorrents.File(long.MaxValue, "a"), KnownTorrents.File(long.MaxValue, "b")]), "2^63");

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(100)]
    public void Load_TruncatedFile_Fails(int missingBytes)
    {
        var bytes = KnownTorrents.V2Single();
        var error = Assert.Throws<TorrentFormatException>(() => Torrent.Load(bytes.AsMemory(0, bytes.Length - missingBytes)));
        Assert.IsType<BencodeFormatException>(error.InnerException);
    }

    [Fact]
    public void Load_V2PieceLayerNotMatchingRoot_Fails()
    {
        var torrent = V2();
        var layers = torrent.Get<BDictionary>("piece layers")!;
        var (root, layer) = layers.Single();
        var changed = layer is BString s ? s.Bytes.ToArray() : [];
        changed[^1] ^= 1;
        layers.Set(root, changed);
        Fails(torrent, "does not hash to");
    }

    [Fact]
    public void Load_V2PieceLayerOfWrongLength_Fails()
    {
        var torrent = V2();
        var layers = torrent.Get<BDictionary>("piece layers")!;
        var (root, layer) = layers.Single();
        layers.Set(root, ((BString)layer).Bytes[..64].ToArray());
        Fails(torrent, "expected 3 hashes");
    }

    [Fact]
    public void Load_V2MissingPieceLayers_Fails()
    {
        var torrent = V2();
        torrent["piece layers"] = null;
        Fails(torrent, "missing");
    }

    [Theory]
    [InlineData(16_383)]
    [InlineData(24_576)]
    public void Load_V2PieceLengthNotPowerOfTwoOf16KiB_Fails(long pieceLength)
    {
        var torrent = V2();
        torrent.Get<BDictionary>("info")!["piece length"] = pieceLength;
        Fails(torrent, "power of two");
    }

    [Fact]
    public void Load_V2PiecesRootOfWrongSize_Fails()
    {
        var torrent = V2();
        var file = torrent.Get<BDictionary>("info")!.Get<BDictionary>("file tree")!.Get<BDictionary>("data.bin")!.Get<BDictionary>("")!;
        file["pieces root"] = new byte[31];
        Fails(torrent, "pieces root of 31 bytes");
    }

    [Fact]
    public void Load_UnknownMetaVersion_Fails()
    {
        var torrent = V2();
        torrent.Get<BDictionary>("info")!["meta version"] = 3;
        Fails(torrent, "meta version 3");
    }

    [Fact]
    public void Load_HybridWithDifferentFileLists_Fails()
    {
        var torrent = V2();
        var info = torrent.Get<BDictionary>("info")!;
        info["pieces"] = new byte[60];
        info["length"] = 39_999;
        Fails(torrent, "different files");
        info["length"] = 40_000;
        info["name"] = "other.bin";
        Fails(torrent, "different files");
    }

    [Fact]
    public void Load_HybridMadeFromTheV2Sample_Succeeds()
    {
        var torrent = V2();
        var info = torrent.Get<BDictionary>("info")!;
        info["pieces"] = new byte[60];
        info["length"] = 40_000;
        Assert.Equal(TorrentVersion.Hybrid, Torrent.Load(torrent.Encode()).Version);
    }

    [Fact]
    public void Load_EmptyOrNonDictionaryInput_Fails()
    {
        Assert.Throws<TorrentFormatException>(() => Torrent.Load(Array.Empty<byte>()));
        Assert.Throws<TorrentFormatException>(() => Torrent.Load("le"u8.ToArray()));
    }

    private static BDictionary V2() => BencodeDecoder.DecodeDictionary(KnownTorrents.V2Single(), BencodeOptions.Lenient);

    private static void FailsWithV1Info(Action<BDictionary> change, string reason)
    {
        var torrent = KnownTorrents.V1MultiDictionary();
        change(torrent.Get<BDictionary>("info")!);
        Fails(torrent, reason);
    }

    private static void Fails(BDictionary torrent, string reason)
    {
        var error = Assert.Throws<TorrentFormatException>(() => Torrent.Load(torrent.Encode()));
        Assert.Contains(reason, error.Message);
    }
}

internal static class BDictionaryChange
{
    public static BDictionary With(this BDictionary dictionary, string key, BValue value)
    {
        dictionary[key] = value;
        return dictionary;
    }
}
