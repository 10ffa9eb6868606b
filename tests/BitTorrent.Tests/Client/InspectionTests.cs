using Swarmgrid.BitTorrent.Client;
using Swarmgrid.BitTorrent.Creation;
using Swarmgrid.BitTorrent.Metainfo;
using Swarmgrid.BitTorrent.Tests.Interop;

using static Swarmgrid.BitTorrent.Tests.Client.InteropTorrents;

namespace Swarmgrid.BitTorrent.Tests.Client;

/// <summary>What a running torrent tells about its files, peers and trackers (the client face's inspector).</summary>
public sealed class InspectionTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Files_peers_and_trackers_are_described_while_a_download_runs()
    {
        using var tracker = new LoopbackTracker();
        using var seedDir = new TempDirectory();
        using var leechDir = new TempDirectory();
        var (torrent, _) = await CreateAsync(seedDir, tracker, 1 << 20, TorrentVersion.V1, 65536);
        await using var seeder = LoopbackEngine();
        var seeding = seeder.Add(torrent, seedDir.Path);
        await seeding.StartAsync();
        await seeding.Completion.WaitAsync(Deadline);
        await tracker.WaitForSeedAsync(Hash(torrent), Deadline);
        await using var leecher = LoopbackEngine();
        var manager = leecher.Add(torrent, leechDir.Path);

        var before = manager.GetTrackers().Single();
        var notChecked = manager.GetFileProgress();
        seeding.UploadLimit.BytesPerSecond = 256 << 10;
        await manager.StartAsync();
        using var deadline = new CancellationTokenSource(Deadline);
        while (manager.GetPeers() is not [{ Client: not null }])
        {
            await Task.Delay(50, deadline.Token);
        }
        var peer = manager.GetPeers().Single();
        var seedView = seeding.GetPeers().Single();
        var during = manager.GetTrackers().Single();
        seeding.UploadLimit.BytesPerSecond = 0;
        await manager.Completion.WaitAsync(Deadline);

        Assert.Equal((tracker.AnnounceUrl, 0, TrackerInfo.NotContacted, (DateTimeOffset?)null), (before.Url.ToString(), before.Tier, before.Status, before.LastAnnounce));
        Assert.Equal([0L], notChecked);
        Assert.Equal((1.0, "Swarmgrid 0.1"), (peer.Progress, peer.Client));
        Assert.Equal(0.0, seedView.Progress, 1);
        Assert.Equal(TrackerInfo.Working, during.Status);
        Assert.True(during.LastAnnounce is not null && during.NextAnnounce > during.LastAnnounce, $"{during}");
        Assert.Equal((0L, 0L), (during.Seeders, during.Leechers)); // what this tracker always answers
        Assert.Equal([(long)torrent.TotalSize], manager.GetFileProgress());
    }

    [Fact]
    public async Task A_tracker_that_refuses_is_shown_in_error_with_its_reason()
    {
        using var directory = new TempDirectory();
        SampleData.WriteFile(directory.Combine("data.bin"), 65536, 3);
        var created = await TorrentCreator.CreateAsync(directory.Combine("data.bin"),
            new TorrentCreationOptions { Version = TorrentVersion.V1, AnnounceTiers = [["http://127.0.0.1:1/announce"]], PieceLength = 65536 });
        await using var engine = LoopbackEngine();
        var manager = engine.Add(created.Torrent, directory.Path);

        await manager.StartAsync();
        using var deadline = new CancellationTokenSource(Deadline);
        while (manager.GetTrackers().Single().Status != TrackerInfo.Failing)
        {
            await Task.Delay(50, deadline.Token);
        }

        var tracker = manager.GetTrackers().Single();
        Assert.False(string.IsNullOrEmpty(tracker.Message));
        Assert.NotNull(tracker.LastAnnounce);
    }
}

public sealed class PeerIdClientTests
{
    [Theory]
    [InlineData("-LT2080-abcdefghijkl", "libtorrent 2.0.8.0")]
    [InlineData("-qB4560-abcdefghijkl", "qBittorrent 4.5.6.0")]
    [InlineData("-SG0100-abcdefghijkl", "Swarmgrid 0.1.0.0")]
    [InlineData("-ZZ1A00-abcdefghijkl", "ZZ 1.10.0.0")]
    [InlineData("M7-2-3--abcdefghijkl", "M7-2-3--")]
    public void Names_the_client_of_a_peer_id(string peerId, string expected) =>
        Assert.Equal(expected, PeerIdClient.Describe(Swarmgrid.BitTorrent.Tracker.TrackerHash.FromBytes(System.Text.Encoding.ASCII.GetBytes(peerId))));
}
