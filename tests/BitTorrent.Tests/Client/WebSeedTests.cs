using System.Net;
using Swarmgrid.BitTorrent.Client;
using Swarmgrid.BitTorrent.Creation;
using Swarmgrid.BitTorrent.Metainfo;
using Swarmgrid.BitTorrent.Tests.Interop;

using static Swarmgrid.BitTorrent.Tests.Client.InteropTorrents;

namespace Swarmgrid.BitTorrent.Tests.Client;

/// <summary>Web seeds (BEP 19) served by a loopback HTTP server: alone, beside a libtorrent peer, and misbehaving.</summary>
public sealed class WebSeedTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(40);
    private readonly TempDirectory served = new();
    private readonly TempDirectory download = new();

    [Fact]
    public async Task A_single_file_torrent_with_only_a_web_seed_completes()
    {
        using var server = new LoopbackWebServer(served.Path);
        SampleData.WriteFile(served.Combine("data.bin"), (3 << 20) + 1234, 81);
        var torrent = await CreateAsync(served.Combine("data.bin"), TorrentVersion.V1, [server.BaseUrl]);

        var manager = await DownloadAsync(torrent);

        Assert.Equal(Sha256(served.Combine("data.bin")), Sha256(download.Combine("data.bin")));
        Assert.Equal(torrent.TotalSize, manager.GetCounters().WebSeedBytes);
        Assert.Equal(server.BytesServed, manager.GetCounters().WebSeedBytes);
        Assert.Equal(0, manager.GetStats().HashFailures);
    }

    [Fact]
    public async Task A_multi_file_hybrid_with_pad_files_and_awkward_names_completes_from_a_web_seed()
    {
        using var server = new LoopbackWebServer(served.Path);
        SampleData.WriteFolder(served.Path, "set");
        SampleData.WriteFile(served.Combine("set", "with space", "and%percent.bin"), 70_000, 82);
        var torrent = await CreateAsync(served.Combine("set"), TorrentVersion.Hybrid, [server.BaseUrl.TrimEnd('/')]);
        Assert.Contains(torrent.Files, f => f.IsPad);

        await DownloadAsync(torrent);

        foreach (var file in torrent.Files.Where(f => !f.IsPad))
        {
            Assert.Equal(Sha256(served.Combine([.. file.PathSegments])), Sha256(download.Combine([.. file.PathSegments])));
        }
    }

    [SkippableFact]
    public async Task A_mixed_swarm_takes_pieces_from_a_libtorrent_seed_and_a_web_seed()
    {
        Libtorrent.Require();
        using var server = new LoopbackWebServer(served.Path) { Delay = TimeSpan.FromMilliseconds(150) };
        SampleData.WriteFile(served.Combine("data.bin"), 8 << 20, 83);
        var torrent = await CreateAsync(served.Combine("data.bin"), TorrentVersion.V1, [server.BaseUrl]);
        var torrentPath = served.Combine("data.torrent");
        await File.WriteAllBytesAsync(torrentPath, MetainfoComposer.Compose(torrent.RawInfo.Span, []));
        await using var seed = await LibtorrentNode.StartAsync([LibtorrentNode.Torrent(torrentPath, served.Path)]);
        await seed.WaitUntilSeedingAsync(0, Deadline);

        var manager = await DownloadAsync(torrent, m =>
        {
            // Slow enough that the web seed has time to deliver its share.
            m.DownloadLimit.BytesPerSecond = 4 << 20;
            m.AddPeer(seed.Endpoint);
        });

        var fromWeb = manager.GetCounters().WebSeedBytes;
        Assert.InRange(fromWeb, 1, torrent.TotalSize - 1);
        Assert.True(manager.GetStats().Downloaded - fromWeb > 0);
        Assert.Equal(Sha256(served.Combine("data.bin")), Sha256(download.Combine("data.bin")));
    }

    [Fact]
    public async Task Redirects_are_not_followed_and_the_seed_says_why()
    {
        using var elsewhere = new LoopbackWebServer(served.Path);
        using var server = new LoopbackWebServer(served.Path) { RedirectTo = elsewhere.BaseUrl + "data.bin" };
        SampleData.WriteFile(served.Combine("data.bin"), 1 << 20, 84);
        var torrent = await CreateAsync(served.Combine("data.bin"), TorrentVersion.V1, [server.BaseUrl]);

        await using var engine = LoopbackEngine();
        var manager = engine.Add(torrent, download.Path);
        await manager.StartAsync();
        await WaitForAsync(() => manager.GetWebSeeds() is [{ Failures: >= 1 }]);

        Assert.Contains("redirect", manager.GetWebSeeds()[0].Error);
        Assert.Equal(0, elsewhere.Requests);
        Assert.Equal(0, manager.GetStats().VerifiedPieces);
    }

    [Fact]
    public async Task A_server_that_ignores_ranges_is_not_read_past_what_was_asked()
    {
        using var server = new LoopbackWebServer(served.Path) { IgnoreRanges = true };
        SampleData.WriteFile(served.Combine("data.bin"), 4 << 20, 85);
        var torrent = await CreateAsync(served.Combine("data.bin"), TorrentVersion.V1, [server.BaseUrl]);

        await using var engine = LoopbackEngine();
        var manager = engine.Add(torrent, download.Path);
        await manager.StartAsync();
        await WaitForAsync(() => manager.GetWebSeeds() is [{ Failures: >= 1 }]);

        Assert.Contains("does not serve byte ranges", manager.GetWebSeeds()[0].Error);
        Assert.Equal(0, manager.GetCounters().WebSeedBytes);
    }

    [Fact]
    public async Task A_web_seed_serving_corrupt_data_is_dropped_and_an_honest_one_finishes()
    {
        using var liar = new LoopbackWebServer(served.Path) { Corrupt = true };
        using var honest = new LoopbackWebServer(served.Path) { Delay = TimeSpan.FromMilliseconds(100) };
        SampleData.WriteFile(served.Combine("data.bin"), 2 << 20, 86);
        var torrent = await CreateAsync(served.Combine("data.bin"), TorrentVersion.V1, [liar.BaseUrl, honest.BaseUrl]);

        var manager = await DownloadAsync(torrent);

        Assert.Equal(Sha256(served.Combine("data.bin")), Sha256(download.Combine("data.bin")));
        var seeds = manager.GetWebSeeds();
        Assert.True(seeds.Single(s => s.Url == liar.BaseUrl).Disabled);
        Assert.False(seeds.Single(s => s.Url == honest.BaseUrl).Disabled);
        Assert.True(manager.GetStats().HashFailures >= 1);
    }

    [Theory]
    [InlineData("http://h.example/d/", "single", "http://h.example/d/file%20a.bin")]
    [InlineData("http://h.example/d/file", "single", "http://h.example/d/file")]
    [InlineData("http://h.example/d", "multi", "http://h.example/d/set/sub/x%23y.bin")]
    [InlineData("ftp://h.example/d/", "single", null)]
    [InlineData("http://user:pw@h.example/d/", "single", null)]
    public async Task File_urls_follow_bep_19(string seedUrl, string kind, string? expected)
    {
        Torrent torrent;
        if (kind == "single")
        {
            SampleData.WriteFile(served.Combine("file a.bin"), 1000, 1);
            torrent = await CreateAsync(served.Combine("file a.bin"), TorrentVersion.V1, []);
        }
        else
        {
            SampleData.WriteFile(served.Combine("set", "sub", "x#y.bin"), 1000, 1);
            SampleData.WriteFile(served.Combine("set", "z.bin"), 1000, 2);
            torrent = await CreateAsync(served.Combine("set"), TorrentVersion.V1, []);
        }
        var file = torrent.Files.First(f => f.Path.EndsWith(".bin", StringComparison.Ordinal));
        Assert.Equal(expected, WebSeedClient.FileUrl(seedUrl, torrent, file)?.AbsoluteUri);
    }

    public void Dispose()
    {
        served.Dispose();
        download.Dispose();
    }

    private async Task<TorrentManager> DownloadAsync(Torrent torrent, Action<TorrentManager>? prepare = null)
    {
        await using var engine = LoopbackEngine();
        var manager = engine.Add(torrent, download.Path);
        prepare?.Invoke(manager);
        await manager.StartAsync();
        await manager.Completion.WaitAsync(Deadline);
        return manager;
    }

    private static async Task<Torrent> CreateAsync(string path, TorrentVersion version, IReadOnlyList<string> webSeeds) =>
        (await TorrentCreator.CreateAsync(path, new TorrentCreationOptions { Version = version, PieceLength = 65536, WebSeeds = webSeeds })).Torrent;

    private static async Task WaitForAsync(Func<bool> condition)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        while (!condition())
        {
            await Task.Delay(50, deadline.Token);
        }
    }
}
