using Swarmgrid.BitTorrent.Client;
using Swarmgrid.BitTorrent.Creation;
using Swarmgrid.BitTorrent.Metainfo;
using Swarmgrid.BitTorrent.Tests.Interop;

namespace Swarmgrid.BitTorrent.Tests.Client;

/// <summary>The engine's queue: active limits, positions and force start, with no network.</summary>
public sealed class QueueTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly TempDirectory sources = new();
    private readonly TempDirectory downloads = new();

    [Fact]
    public async Task Runs_the_first_downloads_up_to_the_limit_and_queues_the_rest()
    {
        await using var engine = QuietEngine(downloads: 2, seeds: 2);
        var managers = await AddAsync(engine, 3);
        foreach (var manager in managers)
        {
            await manager.StartAsync();
        }

        Assert.True(IsActive(managers[0]));
        Assert.True(IsActive(managers[1]));
        var queued = managers[2].GetStats();
        Assert.True(queued.IsQueued);
        Assert.Equal(2, queued.QueuePosition);
        Assert.False(queued.ForceStart);
    }

    [Fact]
    public async Task Stopping_an_active_download_starts_the_first_queued_one()
    {
        await using var engine = QuietEngine(downloads: 1, seeds: 1);
        var managers = await AddAsync(engine, 3);
        foreach (var manager in managers)
        {
            await manager.StartAsync();
        }

        await managers[0].StopAsync();

        Assert.Equal(TorrentState.Stopped, managers[0].State);
        Assert.True(IsActive(managers[1]));
        Assert.Equal(TorrentState.Queued, managers[2].State);
    }

    [Fact]
    public async Task Moving_a_queued_torrent_to_the_top_runs_it_and_queues_the_last_active_one()
    {
        await using var engine = QuietEngine(downloads: 2, seeds: 2);
        var managers = await AddAsync(engine, 3);
        foreach (var manager in managers)
        {
            await manager.StartAsync();
        }

        await engine.MoveToTopAsync(managers[2]);

        Assert.Equal([managers[2], managers[0], managers[1]], engine.Queue);
        Assert.True(IsActive(managers[2]));
        Assert.True(IsActive(managers[0]));
        Assert.Equal(TorrentState.Queued, managers[1].State);
    }

    [Fact]
    public async Task Moves_up_down_and_to_the_bottom_within_the_queue()
    {
        await using var engine = QuietEngine(downloads: 8, seeds: 8);
        var managers = await AddAsync(engine, 4);

        await engine.MoveUpAsync(managers[0]);
        Assert.Equal(0, managers[0].QueuePosition);
        await engine.MoveDownAsync(managers[0]);
        Assert.Equal([managers[1], managers[0], managers[2], managers[3]], engine.Queue);
        await engine.MoveToBottomAsync(managers[1]);
        Assert.Equal([managers[0], managers[2], managers[3], managers[1]], engine.Queue);
        await engine.SetQueuePositionAsync(managers[1], 1);
        Assert.Equal([managers[0], managers[1], managers[2], managers[3]], engine.Queue);
        await engine.MoveDownAsync(managers[3]);
        Assert.Equal(3, managers[3].QueuePosition);
    }

    [Fact]
    public async Task Force_start_runs_a_torrent_beyond_the_limit_until_it_is_lifted()
    {
        await using var engine = QuietEngine(downloads: 1, seeds: 1);
        var managers = await AddAsync(engine, 2);
        await managers[0].StartAsync();
        await managers[1].StartAsync();
        Assert.Equal(TorrentState.Queued, managers[1].State);

        await managers[1].SetForceStartAsync(true);
        Assert.True(IsActive(managers[0]));
        Assert.True(IsActive(managers[1]));
        Assert.True(managers[1].GetStats().ForceStart);

        await managers[1].SetForceStartAsync(false);
        Assert.Equal(TorrentState.Queued, managers[1].State);
        Assert.True(IsActive(managers[0]));
    }

    [Fact]
    public async Task Raising_the_limit_starts_queued_torrents()
    {
        await using var engine = QuietEngine(downloads: 0, seeds: 0);
        var managers = await AddAsync(engine, 2);
        await managers[0].StartAsync();
        await managers[1].StartAsync();
        Assert.All(managers, m => Assert.Equal(TorrentState.Queued, m.State));

        await engine.SetQueueLimitsAsync(-1, 0);

        Assert.All(managers, m => Assert.True(IsActive(m)));
    }

    [Fact]
    public async Task Seeds_have_their_own_limit_and_a_completed_torrent_leaves_the_download_slots()
    {
        await using var engine = QuietEngine(downloads: 1, seeds: 1);
        var complete = await AddAsync(engine, 2, dataOnDisk: true);
        var incomplete = (await AddAsync(engine, 1, firstSeed: 100))[0];
        await complete[0].StartAsync();
        await complete[0].Completion.WaitAsync(Deadline);
        await complete[1].StartAsync();
        await incomplete.StartAsync();

        // The second complete torrent is taken for a download until its check shows it complete, then waits for a seed slot.
        await WaitForAsync(() => complete[1].State == TorrentState.Queued && IsActive(incomplete));

        Assert.Equal(TorrentState.Seeding, complete[0].State);
        Assert.Equal(TorrentState.Downloading, incomplete.State);
    }

    public void Dispose()
    {
        sources.Dispose();
        downloads.Dispose();
    }

    private static bool IsActive(TorrentManager manager) => manager.State is not (TorrentState.Stopped or TorrentState.Queued);

    private static ClientEngine QuietEngine(int downloads, int seeds) =>
        new(new EngineSettings { AcceptIncoming = false, MaxActiveDownloads = downloads, MaxActiveSeeds = seeds }, connector: new RefusingConnector());

    private async Task<TorrentManager[]> AddAsync(ClientEngine engine, int count, bool dataOnDisk = false, int firstSeed = 0)
    {
        var managers = new TorrentManager[count];
        for (var i = 0; i < count; i++)
        {
            var seed = firstSeed + i;
            var source = SampleData.WriteFile(sources.Combine($"t{seed}", $"data{seed}.bin"), 96 * 1024, seed);
            var torrent = (await TorrentCreator.CreateAsync(source, new TorrentCreationOptions { Version = TorrentVersion.V1, PieceLength = 32768 })).Torrent;
            managers[i] = engine.Add(torrent, dataOnDisk ? Path.GetDirectoryName(source)! : downloads.Combine($"t{seed}"));
        }
        return managers;
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        while (!condition())
        {
            await Task.Delay(20, deadline.Token);
        }
    }
}
