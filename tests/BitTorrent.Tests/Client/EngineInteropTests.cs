using System.Net;
using System.Security.Cryptography;
using Swarmgrid.BitTorrent.Client;
using Swarmgrid.BitTorrent.Creation;
using Swarmgrid.BitTorrent.Magnet;
using Swarmgrid.BitTorrent.Metainfo;
using Swarmgrid.BitTorrent.Tests.Interop;
using Swarmgrid.BitTorrent.Tracker;
using Swarmgrid.TestSupport;

using static Swarmgrid.BitTorrent.Tests.Client.InteropTorrents;

namespace Swarmgrid.BitTorrent.Tests.Client;

/// <summary>The engine against aria2c and against itself, on loopback through a tracker.</summary>
public sealed class EngineInteropTests
{
    private const int FileSize = 16 << 20;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(45);

    [SkippableFact]
    public async Task Seeds_a_file_to_an_aria2c_leecher()
    {
        TestEnvironment.Require(Aria2.IsInstalled, "aria2c is not installed");
        using var tracker = new LoopbackTracker();
        using var seedDir = new TempDirectory();
        using var leechDir = new TempDirectory();
        var (torrent, torrentPath) = await CreateAsync(seedDir, tracker, TorrentVersion.V1);
        await using var engine = LoopbackEngine();
        var manager = engine.Add(torrent, seedDir.Path);
        await manager.StartAsync();
        await manager.Completion.WaitAsync(Deadline);
        await tracker.WaitForSeedAsync(Hash(torrent), Deadline);

        await using var leech = Aria2.Start(torrentPath, leechDir.Path, 0, checkIntegrity: false);
        Assert.Equal(0, await leech.WaitForExitAsync(Deadline));

        Assert.Equal(Sha256(seedDir.Combine("data.bin")), Sha256(leechDir.Combine("data.bin")));
        Assert.True(manager.GetStats().Uploaded >= FileSize);
    }

    [Fact]
    public async Task Fetches_metadata_from_a_magnet_link_then_downloads_from_itself()
    {
        using var seedDir = new TempDirectory();
        using var leechDir = new TempDirectory();
        SampleData.WriteFile(seedDir.Combine("data.bin"), 3 << 20, 11);
        var torrent = (await TorrentCreator.CreateAsync(seedDir.Combine("data.bin"), new TorrentCreationOptions { Version = TorrentVersion.V1, PieceLength = 65536 })).Torrent;
        await using var seeder = LoopbackEngine();
        var seeding = seeder.Add(torrent, seedDir.Path);
        await seeding.StartAsync();
        await seeding.Completion.WaitAsync(Deadline);

        await using var leecher = LoopbackEngine();
        var magnet = new MagnetLink(torrent.InfoHashes, peers: [$"127.0.0.1:{seeder.ListenPort}"]);
        var manager = leecher.Add(magnet, leechDir.Path);
        await manager.StartAsync();
        await manager.Completion.WaitAsync(Deadline);

        Assert.Equal(torrent.Name, manager.Torrent!.Name);
        Assert.Equal(Sha256(seedDir.Combine("data.bin")), Sha256(leechDir.Combine("data.bin")));
    }

    [Fact]
    public async Task Stopping_mid_download_keeps_verified_pieces_for_the_next_start()
    {
        using var seedDir = new TempDirectory();
        using var leechDir = new TempDirectory();
        SampleData.WriteFile(seedDir.Combine("data.bin"), 4 << 20, 12);
        var torrent = (await TorrentCreator.CreateAsync(seedDir.Combine("data.bin"), new TorrentCreationOptions { Version = TorrentVersion.V1, PieceLength = 65536 })).Torrent;
        await using var seeder = LoopbackEngine();
        var seeding = seeder.Add(torrent, seedDir.Path);
        seeding.UploadLimit.BytesPerSecond = 2 << 20;
        await seeding.StartAsync();
        await seeding.Completion.WaitAsync(Deadline);

        await using (var first = LoopbackEngine())
        {
            var manager = first.Add(torrent, leechDir.Path);
            manager.AddPeer(new IPEndPoint(IPAddress.Loopback, seeder.ListenPort));
            await manager.StartAsync();
            while (manager.GetStats().VerifiedPieces < 8)
            {
                await Task.Delay(50);
            }
            await manager.StopAsync();
        }
        var kept = BitTorrent.Storage.ResumeData.Load(Path.Combine(leechDir.Path, $".{torrent.InfoHashes.Primary.ToHex()}.resume"), torrent)!.Pieces.CountSet;
        Assert.InRange(kept, 8, torrent.PieceCount - 1);

        seeding.UploadLimit.BytesPerSecond = 0;
        await using var second = LoopbackEngine();
        var resumed = second.Add(torrent, leechDir.Path);
        resumed.AddPeer(new IPEndPoint(IPAddress.Loopback, seeder.ListenPort));
        await resumed.StartAsync();
        await resumed.Completion.WaitAsync(Deadline);

        Assert.True(resumed.GetStats().Downloaded <= (long)(torrent.PieceCount - kept) * torrent.PieceLength);
        Assert.Equal(Sha256(seedDir.Combine("data.bin")), Sha256(leechDir.Combine("data.bin")));
    }

    private static Task<(Torrent Torrent, string Path)> CreateAsync(TempDirectory directory, LoopbackTracker tracker, TorrentVersion version) =>
        InteropTorrents.CreateAsync(directory, tracker, FileSize, version, 262144);
}
