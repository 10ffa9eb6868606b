using Swarmgrid.BitTorrent.Client;
using Swarmgrid.BitTorrent.Creation;
using Swarmgrid.BitTorrent.Metainfo;
using Swarmgrid.BitTorrent.Tests.Interop;

namespace Swarmgrid.BitTorrent.Tests.Client;

public sealed class MetainfoComposerTests
{
    [Fact]
    public async Task A_composed_torrent_keeps_the_info_hash_and_announces_to_the_given_trackers()
    {
        using var directory = new TempDirectory();
        SampleData.WriteFile(directory.Combine("data.bin"), 100_000, 3);
        var original = (await TorrentCreator.CreateAsync(directory.Combine("data.bin"), new TorrentCreationOptions { Version = TorrentVersion.V1, PieceLength = 16384 })).Torrent;

        var composed = Torrent.Load(MetainfoComposer.Compose(original.RawInfo.Span, [["http://a.example/announce"], ["http://b.example/announce", "http://c.example/announce"]]));

        Assert.Equal(original.InfoHashes, composed.InfoHashes);
        Assert.Equal(["http://a.example/announce", "http://b.example/announce", "http://c.example/announce"], composed.AnnounceTiers.SelectMany(t => t));
        Assert.Equal(2, composed.AnnounceTiers.Count);
    }

    [Fact]
    public async Task Without_trackers_the_torrent_holds_only_the_info_dictionary()
    {
        using var directory = new TempDirectory();
        SampleData.WriteFile(directory.Combine("data.bin"), 50_000, 4);
        var original = (await TorrentCreator.CreateAsync(directory.Combine("data.bin"), new TorrentCreationOptions { Version = TorrentVersion.V1, PieceLength = 16384 })).Torrent;

        var bytes = MetainfoComposer.Compose(original.RawInfo.Span, []);

        Assert.Equal((byte[])[.. "d4:info"u8, .. original.RawInfo.Span, (byte)'e'], bytes);
        Assert.Equal(original.InfoHashes, Torrent.Load(bytes).InfoHashes);
    }

    [Fact]
    public async Task A_v2_torrent_keeps_its_piece_layers_in_key_order_and_loads_again()
    {
        using var directory = new TempDirectory();
        SampleData.WriteFile(directory.Combine("set", "a.bin"), 100_000, 5);
        SampleData.WriteFile(directory.Combine("set", "b.bin"), 70_000, 6);
        var created = await TorrentCreator.CreateAsync(directory.Combine("set"), new TorrentCreationOptions { Version = TorrentVersion.V2, PieceLength = 16384 });
        var original = created.Torrent;

        var bytes = MetainfoComposer.Compose(original.RawInfo.Span, [], original.KnownPieceLayers);

        var reloaded = Torrent.Load(bytes);
        Assert.True(reloaded.HasAllPieceLayers);
        Assert.Equal(original.InfoHashes, reloaded.InfoHashes);
        foreach (var file in original.Files)
        {
            Assert.Equal(original.GetPieceLayer(file).ToArray(), reloaded.GetPieceLayer(reloaded.Files.Single(f => f.Path == file.Path)).ToArray());
        }
        Assert.Equal(2, original.KnownPieceLayers.Count);
    }
}
