using CsCheck;
using Swarmgrid.BitTorrent.Bencoding;
using Swarmgrid.BitTorrent.Metainfo;

namespace Swarmgrid.BitTorrent.Tests.Metainfo;

/// <summary>Random damage to valid torrents: only <see cref="TorrentFormatException"/> may escape, and nothing allocates wildly.</summary>
public sealed class TorrentFuzzTests
{
    private const long AllocationLimit = 4 * 1024 * 1024;

    private static readonly byte[][] Samples =
    [
        KnownTorrents.V1Single(),
        KnownTorrents.V2Single(),
        KnownTorrents.V1MultiDictionary().Encode(),
        Hybrid(),
    ];

    [Fact]
    public void Load_20000RandomMutations_FailOnlyWithTorrentFormatException()
    {
        var random = new Random(20_240_601);
        var loaded = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var input = Mutate(Samples[random.Next(Samples.Length)], random);
            if (LoadOrReject(input))
            {
                loaded++;
            }
        }
        Assert.InRange(loaded, 1, 19_999);
    }

    [Fact]
    public void Load_RandomBytes_FailOnlyWithTorrentFormatException() =>
        Gen.Byte.Array[0, 300].Sample(bytes => { LoadOrReject(bytes); }, iter: 5000);

    [Fact]
    public void Load_HugeClaimedSizes_FailWithoutAllocating()
    {
        var v2 = BencodeDecoder.DecodeDictionary(KnownTorrents.V2Single(), BencodeOptions.Lenient);
        v2.Get<BDictionary>("info")!.Get<BDictionary>("file tree")!.Get<BDictionary>("data.bin")!.Get<BDictionary>("")!["length"] = 1L << 60;
        var v1 = KnownTorrents.V1MultiDictionary();
        v1.Get<BDictionary>("info")!["files"] = new BList([KnownTorrents.File(1L << 62, "a")]);
        var v1Small = KnownTorrents.V1MultiDictionary();
        v1Small.Get<BDictionary>("info")!["piece length"] = 1;

        foreach (var torrent in new[] { v2, v1, v1Small })
        {
            Assert.False(LoadOrReject(torrent.Encode()));
        }
    }

    /// <summary>True when the input loaded; false when it was rejected the documented way.</summary>
    private static bool LoadOrReject(byte[] input)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            Torrent.Load(input);
            return true;
        }
        catch (TorrentFormatException)
        {
            return false;
        }
        finally
        {
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(allocated < AllocationLimit, $"loading {input.Length} bytes allocated {allocated} bytes");
        }
    }

    private static byte[] Mutate(byte[] sample, Random random)
    {
        var bytes = new List<byte>(sample);
        for (var edits = random.Next(1, 4); edits > 0 && bytes.Count > 0; edits--)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(6))
            {
                case 0:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 2:
                    bytes.InsertRange(at, Enumerable.Range(0, random.Next(1, 8)).Select(_ => (byte)random.Next(256)));
                    break;
                case 3:
                    bytes.RemoveRange(at, Math.Min(bytes.Count - at, random.Next(1, 16)));
                    break;
                case 4:
                    bytes[at] = (byte)"0123456789ield:-"[random.Next(16)];
                    break;
                default:
                    bytes.InsertRange(at, "99999999999"u8.ToArray()[..random.Next(1, 12)]);
                    break;
            }
        }
        return [.. bytes];
    }

    private static byte[] Hybrid()
    {
        var torrent = BencodeDecoder.DecodeDictionary(KnownTorrents.V2Single(), BencodeOptions.Lenient);
        var info = torrent.Get<BDictionary>("info")!;
        info["pieces"] = new byte[60];
        info["length"] = 40_000;
        return torrent.Encode();
    }
}
