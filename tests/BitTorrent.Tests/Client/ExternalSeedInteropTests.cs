using System.Net;
using System.Security.Cryptography;
using Swarmgrid.BitTorrent.Client;
using Swarmgrid.BitTorrent.Creation;
using Swarmgrid.BitTorrent.Metainfo;
using Swarmgrid.BitTorrent.Tests.Interop;
using Swarmgrid.BitTorrent.Tracker;
using Swarmgrid.TestSupport;

using static Swarmgrid.BitTorrent.Tests.Client.InteropTorrents;

namespace Swarmgrid.BitTorrent.Tests.Client;

/// <summary>The engine downloading larger files from aria2c, transmission-cli and libtorrent seeds on loopback.</summary>
public sealed class ExternalSeedInteropTests
{
    private const int LargeFile = 64 << 20;
    private static readonly TimeSpan SeedReady = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Download = TimeSpan.FromSeconds(60);

    [SkippableFact]
    public async Task Downloads_64_MiB_from_an_aria2c_seed()
    {
        TestEnvironment.Require(Aria2.IsInstalled, "aria2c is not installed");
        using var tracker = new LoopbackTracker();
        using var seedDir = new TempDirectory();
        using var leechDir = new TempDirectory();
        var (torrent, torrentPath) = await CreateAsync(seedDir, tracker, LargeFile);
        await using var seed = Aria2.Start(torrentPath, seedDir.Path, 120, checkIntegrity: true);
        await tracker.WaitForSeedAsync(Hash(torrent), SeedReady);

        await DownloadAsync(torrent, leechDir, manager => { });

        Assert.Equal(Sha256(seedDir.Combine("data.bin")), Sha256(leechDir.Combine("data.bin")));
    }

    [SkippableFact]
    public async Task Downloads_64_MiB_from_a_transmission_seed()
    {
        TestEnvironment.Require(Transmission.IsInstalled, "transmission-cli is not installed");
        using var tracker = new LoopbackTracker();
        using var seedDir = new TempDirectory();
        using var configDir = new TempDirectory();
        using var leechDir = new TempDirectory();
        var (torrent, torrentPath) = await CreateAsync(seedDir, tracker, LargeFile);
        await using var seed = Transmission.Seed(torrentPath, seedDir.Path, configDir.Path);
        try
        {
            await tracker.WaitForSeedAsync(Hash(torrent), SeedReady);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"transmission-cli never announced as a seed:\n{seed.Output}");
        }

        await DownloadAsync(torrent, leechDir, manager => { });

        Assert.Equal(Sha256(seedDir.Combine("data.bin")), Sha256(leechDir.Combine("data.bin")));
    }

    [SkippableFact]
    public async Task Downloads_a_libtorrent_hybrid_torrent_from_a_libtorrent_seed()
    {
        Libtorrent.Require();
        using var seedDir = new TempDirectory();
        using var leechDir = new TempDirectory();
        SampleData.WriteFile(seedDir.Combine("data.bin"), 8 << 20, 21);
        var torrentPath = seedDir.Combine("data.torrent");
        await Libtorrent.CreateAsync(seedDir.Combine("data.bin"), torrentPath, "hybrid", 262144);
        var torrent = Torrent.Load(torrentPath);
        Assert.True(torrent.InfoHashes.IsHybrid);
        var (seed, port) = LibtorrentSeed.Start(torrentPath, seedDir.Path);
        await using var _ = seed;
        await seed.WaitUntilReadyAsync(SeedReady);

        await DownloadAsync(torrent, leechDir, manager => manager.AddPeer(new IPEndPoint(IPAddress.Loopback, port)));

        Assert.Equal(Sha256(seedDir.Combine("data.bin")), Sha256(leechDir.Combine("data.bin")));
    }

    [SkippableFact]
    public async Task Downloads_a_multi_file_libtorrent_hybrid_torrent_with_pad_files()
    {
        Libtorrent.Require();
        using var seedDir = new TempDirectory();
        using var leechDir = new TempDirectory();
        Directory.CreateDirectory(seedDir.Combine("set"));
        SampleData.WriteFile(seedDir.Combine("set", "a.bin"), (3 << 20) + 12345, 22);
        SampleData.WriteFile(seedDir.Combine("set", "b.bin"), 100_000, 23);
        SampleData.WriteFile(seedDir.Combine("set", "c.bin"), (2 << 20) + 7, 24);
        var torrentPath = seedDir.Combine("set.torrent");
        await Libtorrent.CreateAsync(seedDir.Combine("set"), torrentPath, "hybrid", 262144);
        var torrent = Torrent.Load(torrentPath);
        var (seed, port) = LibtorrentSeed.Start(torrentPath, seedDir.Path);
        await using var _ = seed;
        await seed.WaitUntilReadyAsync(SeedReady);

        await DownloadAsync(torrent, leechDir, manager => manager.AddPeer(new IPEndPoint(IPAddress.Loopback, port)));

        foreach (var name in new[] { "a.bin", "b.bin", "c.bin" })
        {
            Assert.Equal(Sha256(seedDir.Combine("set", name)), Sha256(leechDir.Combine("set", name)));
        }
    }

    private static async Task DownloadAsync(Torrent torrent, TempDirectory directory, Action<TorrentManager> addPeers)
    {
        await using var engine = LoopbackEngine();
        var manager = engine.Add(torrent, directory.Path);
        addPeers(manager);
        await manager.StartAsync();
        await manager.Completion.WaitAsync(Download);
        Assert.Equal(TorrentState.Seeding, manager.State);
    }

    private static Task<(Torrent Torrent, string Path)> CreateAsync(TempDirectory directory, LoopbackTracker tracker, int size) =>
        InteropTorrents.CreateAsync(directory, tracker, size, TorrentVersion.V1, 524288);
}
