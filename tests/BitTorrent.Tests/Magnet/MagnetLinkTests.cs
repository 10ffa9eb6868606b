using Swarmgrid.BitTorrent.Bencoding;
using Swarmgrid.BitTorrent.Magnet;
using Swarmgrid.BitTorrent.Metainfo;
using Swarmgrid.BitTorrent.Tests.Metainfo;

namespace Swarmgrid.BitTorrent.Tests.Magnet;

public sealed class MagnetLinkTests
{
    private const string V1 = "351c57d9dcabc5c94d4597b137e1b94bea21504c";
    private const string V2 = "b52e36398307d8ca203a5656310869ed6aeabdd609d25f4963e9dce403399671";

    [Fact]
    public void Parse_HybridWithEverything_ReadsEveryParameter()
    {
        var link = MagnetLink.Parse(
            $"magnet:?xt=urn:btih:{V1.ToUpperInvariant()}&xt=urn:btmh:1220{V2}&dn=My%20File+Name&xl=1234"
            + "&tr=http%3A%2F%2Ft.example%2Fannounce&tr.1=udp://u.example:80&ws=http://seed.example/f&x.pe=10.0.0.1:6881&foo=bar");

        Assert.Equal(V1, link.InfoHashes.V1?.ToHex());
        Assert.Equal(V2, link.InfoHashes.V2?.ToHex());
        Assert.Equal("My File Name", link.Name);
        Assert.Equal(1234, link.ExactLength);
        Assert.Equal(["http://t.example/announce", "udp://u.example:80"], link.Trackers);
        Assert.Equal(["http://seed.example/f"], link.WebSeeds);
        Assert.Equal(["10.0.0.1:6881"], link.Peers);
    }

    [Fact]
    public void Parse_Base32Btih_GivesTheSameHashAsHex()
    {
        var base32 = InfoHash.FromHex(V1).ToBase32();

        Assert.Equal(V1, MagnetLink.Parse("magnet:?xt=urn:btih:" + base32).InfoHashes.V1?.ToHex());
        Assert.Equal(V1, MagnetLink.Parse("MAGNET:?xt=urn:btih:" + base32.ToLowerInvariant()).InfoHashes.V1?.ToHex());
    }

    [Theory]
    [InlineData("http://example.com/?xt=urn:btih:351c57d9dcabc5c94d4597b137e1b94bea21504c")]
    [InlineData("magnet:?dn=nothing")]
    [InlineData("magnet:?xt=urn:btih:351c57d9")]
    [InlineData("magnet:?xt=urn:btih:351c57d9dcabc5c94d4597b137e1b94bea21504z")]
    [InlineData("magnet:?xt=urn:btih:351c57d9dcabc5c94d4597b137e1b94bea21504c351c57d9dcabc5c94d4597b1")]
    [InlineData("magnet:?xt=urn:btmh:1114b52e36398307d8ca203a5656310869ed6aeabdd609d25f4963e9dce403399671")]
    [InlineData("magnet:?xt=urn:btmh:1220b52e36398307d8ca")]
    [InlineData("magnet:?xt=urn:btih:351c57d9dcabc5c94d4597b137e1b94bea21504c&xt=urn:btih:0000000000000000000000000000000000000000")]
    [InlineData("magnet:?xt=urn:btih:351c57d9dcabc5c94d4597b137e1b94bea21504c&xl=-5")]
    [InlineData("magnet:?xt=urn:btih:!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!")]
    public void Parse_Invalid_Fails(string uri)
    {
        Assert.Throws<MagnetFormatException>(() => MagnetLink.Parse(uri));
        Assert.False(MagnetLink.TryParse(uri, out _));
    }

    [Fact]
    public void FromTorrent_Hybrid_BuildsBothHashesNameAndTracker()
    {
        var torrent = Torrent.Load(HybridSample());

        var text = MagnetLink.FromTorrent(torrent).ToString();

        Assert.Equal(
            $"magnet:?xt=urn:btih:{torrent.InfoHashes.V1}&xt=urn:btmh:1220{torrent.InfoHashes.V2}&dn=data.bin&tr=http%3A%2F%2Ft.example%2Fannounce",
            text);
    }

    [Fact]
    public void ParseBuildParse_KeepsEverything()
    {
        var original = MagnetLink.Parse(
            $"magnet:?xt=urn:btmh:1220{V2}&dn=%E2%9C%93%20%26%20more&tr=http://a/&tr=http://b/?x=1%262&ws=http://w/&x.pe=[::1]:1&xl=9");

        var again = MagnetLink.Parse(original.ToString());

        Assert.Equal(original.ToString(), again.ToString());
        Assert.Equal("✓ & more", again.Name);
        Assert.Equal(["http://a/", "http://b/?x=1&2"], again.Trackers);
        Assert.Equal((original.InfoHashes, 9L), (again.InfoHashes, again.ExactLength));
    }

    private static byte[] HybridSample()
    {
        var torrent = BencodeDecoder.DecodeDictionary(KnownTorrents.V2Single(), BencodeOptions.Lenient);
        var info = torrent.Get<BDictionary>("info")!;
        info["pieces"] = new byte[60];
        info["length"] = 40_000;
        torrent["announce"] = "http://t.example/announce";
        return torrent.Encode();
    }
}
