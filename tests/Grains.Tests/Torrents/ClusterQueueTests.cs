using Orleans.TestingHost;
using Swarmgrid.GrainInterfaces.Settings;
using Swarmgrid.GrainInterfaces.Torrents;

namespace Swarmgrid.Grains.Tests.Torrents;

/// <summary>
/// One queue for the cluster: the global <c>max_concurrent_downloads</c> and <c>max_active_seeds</c> settings hold across
/// both silos, positions and force start decide who runs, and changes of the settings are followed.
/// </summary>
public sealed class ClusterQueueTests : IDisposable
{
    private const int PieceLength = 65536;
    private readonly string scratch = Directory.CreateTempSubdirectory("swarmgrid-queue-").FullName;

    [Fact]
    public async Task One_download_runs_in_the_whole_cluster_until_positions_force_start_or_the_setting_change_it()
    {
        await using var cluster = await TestClusters.StartOnSqliteAsync(Path.Combine(scratch, "cluster"));
        var settings = cluster.GrainFactory.GetGrain<ISettingsGrain>(ISettingsGrain.GlobalScope);
        Assert.Equal(SettingChangeStatus.Applied, (await settings.SetOverrideAsync("max_concurrent_downloads", "1", "tester")).Status);
        await WaitForLimitsAsync(cluster, downloads: 1);
        // Grains land on either silo: add torrents until both silos run some (placement is random).
        var grains = new List<ITorrentGrain>();
        var silos = new HashSet<string>();
        for (var seed = 41; grains.Count < 3 || (silos.Count < 2 && grains.Count < 12); seed++)
        {
            var grain = await AddPartialAsync(cluster, seed);
            grains.Add(grain);
            silos.Add((await grain.GetStatusAsync())!.Silo);
        }
        var (last, count) = (grains.Count - 1, grains.Count);

        var limited = await ForAllAsync(grains, all => all.Count(Running) == 1 && all.Count(s => s.Queued && s.State == "Queued") == count - 1);
        await grains[last].SetQueuePositionAsync(0);
        var moved = await ForAllAsync(grains, all => Running(all[last]) && all.Count(Running) == 1);
        await grains[last - 1].SetForceStartAsync(true);
        var forced = await ForAllAsync(grains, all => Running(all[last]) && Running(all[last - 1]) && all.Count(Running) == 2);
        await settings.RemoveOverrideAsync("max_concurrent_downloads", "tester");
        var unlimited = await ForAllAsync(grains, all => all.All(Running));

        Assert.Equal(2, silos.Count);
        Assert.True(Running(limited[0]), "the first in the queue runs");
        Assert.Equal([.. Enumerable.Range(1, count - 1), 0], moved.Select(s => s.QueuePosition));
        Assert.True(forced[last - 1].ForceStart);
        Assert.Equal(count, unlimited.Count);
        await cluster.StopAllSilosAsync();
    }

    [Fact]
    public async Task Complete_torrents_take_seed_slots_and_free_their_download_slot()
    {
        await using var cluster = await TestClusters.StartOnSqliteAsync(Path.Combine(scratch, "cluster"));
        var settings = cluster.GrainFactory.GetGrain<ISettingsGrain>(ISettingsGrain.GlobalScope);
        Assert.Equal(SettingChangeStatus.Applied, (await settings.SetOverrideAsync("max_active_seeds", "1", "tester")).Status);
        Assert.Equal(SettingChangeStatus.Applied, (await settings.SetOverrideAsync("max_concurrent_downloads", "1", "tester")).Status);
        await WaitForLimitsAsync(cluster, downloads: 1, seeds: 1);
        var grains = new List<ITorrentGrain>();
        for (var seed = 51; seed < 53; seed++)
        {
            var files = await TorrentFiles.CreateAsync(scratch, 4, PieceLength, seed);
            var saveTo = Path.Combine(scratch, $"seed-{seed}");
            await files.WritePiecesAsync(saveTo, files.PieceCount);
            var grain = cluster.GrainFactory.GetGrain<ITorrentGrain>(files.Key);
            await grain.AddAsync(new TorrentSource(files.Metainfo, null, saveTo));
            grains.Add(grain);
        }
        var download = await AddPartialAsync(cluster, 54);

        // Each complete torrent is checked in the one download slot, then seeds; the second waits for a seed slot and
        // the download runs once the slot is free.
        var waiting = await ForAllAsync([.. grains, download], all =>
            all[0].State == "Seeding" && all[1].Queued && all[1].Completed && Running(all[2]));
        await settings.SetOverrideAsync("max_active_seeds", "0", "tester");
        var seeding = await ForAllAsync(grains, all => all.All(s => !s.Queued && s.State == "Seeding"));

        Assert.Equal(waiting[1].PieceCount, waiting[1].VerifiedPieces);
        Assert.Equal(2, seeding.Count);
        await cluster.StopAllSilosAsync();
    }

    public void Dispose() => Directory.Delete(scratch, recursive: true);

    private static bool Running(TorrentStatus status) => !status.Queued && status.State == "Downloading";

    private async Task<ITorrentGrain> AddPartialAsync(TestCluster cluster, int seed)
    {
        var files = await TorrentFiles.CreateAsync(scratch, 4, PieceLength, seed);
        var saveTo = Path.Combine(scratch, $"save-{seed}");
        await files.WritePiecesAsync(saveTo, 1);
        var grain = cluster.GrainFactory.GetGrain<ITorrentGrain>(files.Key);
        await grain.AddAsync(new TorrentSource(files.Metainfo, null, saveTo));
        return grain;
    }

    /// <summary>The silos pass setting changes to the queue through the realtime feed: wait until it has them.</summary>
    private static async Task WaitForLimitsAsync(TestCluster cluster, int downloads, int? seeds = null)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var queue = cluster.GrainFactory.GetGrain<ITorrentQueueGrain>(0);
        while (await queue.GetAsync() is var snapshot && (snapshot.MaxActiveDownloads != downloads || (seeds is { } s && snapshot.MaxActiveSeeds != s)))
        {
            await Task.Delay(100, deadline.Token);
        }
    }

    private static async Task<IReadOnlyList<TorrentStatus>> ForAllAsync(IReadOnlyList<ITorrentGrain> grains, Func<IReadOnlyList<TorrentStatus>, bool> condition)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var statuses = new List<TorrentStatus>();
            foreach (var grain in grains)
            {
                statuses.Add((await grain.GetStatusAsync())!);
            }
            if (condition(statuses))
            {
                return statuses;
            }
            Assert.False(deadline.IsCancellationRequested,
                $"the torrents never got there; last seen: {string.Join("; ", statuses.Select(s => $"#{s.QueuePosition} {s.State} queued={s.Queued} on {s.Silo}"))}");
            await Task.Delay(100, CancellationToken.None);
        }
    }
}
