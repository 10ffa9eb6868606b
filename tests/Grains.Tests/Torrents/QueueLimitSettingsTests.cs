using Swarmgrid.GrainInterfaces.Settings;
using Swarmgrid.GrainInterfaces.Torrents;

namespace Swarmgrid.Grains.Tests.Torrents;

/// <summary>The silos' engines queue downloads by the global <c>max_concurrent_downloads</c> setting, following its changes.</summary>
public sealed class QueueLimitSettingsTests : IDisposable
{
    private const int PieceLength = 65536;
    private readonly string scratch = Directory.CreateTempSubdirectory("swarmgrid-queue-limits-").FullName;

    [Fact]
    public async Task Each_silo_runs_as_many_downloads_as_the_setting_allows_and_the_rest_wait()
    {
        await using var cluster = await TestClusters.StartOnSqliteAsync(Path.Combine(scratch, "cluster"));
        var settings = cluster.GrainFactory.GetGrain<ISettingsGrain>(ISettingsGrain.GlobalScope);
        Assert.Equal(SettingChangeStatus.Applied, (await settings.SetOverrideAsync("max_concurrent_downloads", "1", "tester")).Status);
        var grains = new List<ITorrentGrain>();
        for (var seed = 41; seed < 45; seed++)
        {
            var files = await TorrentFiles.CreateAsync(scratch, 4, PieceLength, seed);
            var saveTo = Path.Combine(scratch, $"save-{seed}");
            await files.WritePiecesAsync(saveTo, 1);
            var grain = cluster.GrainFactory.GetGrain<ITorrentGrain>(files.Key);
            await grain.AddAsync(new TorrentSource(files.Metainfo, null, saveTo));
            grains.Add(grain);
        }

        var limited = await ForAllAsync(grains, all => all.GroupBy(s => s.Silo).All(silo => silo.Count(s => !s.Queued && s.State == "Downloading") == 1 && silo.Count(s => s.Queued) == silo.Count() - 1));
        await settings.RemoveOverrideAsync("max_concurrent_downloads", "tester");
        var unlimited = await ForAllAsync(grains, all => all.All(s => !s.Queued && s.State == "Downloading"));

        Assert.InRange(limited.Count(s => s.Queued), grains.Count - cluster.Silos.Count, grains.Count - 1);
        Assert.Equal(grains.Count, unlimited.Count);
        await cluster.StopAllSilosAsync();
    }

    [Fact]
    public async Task With_no_seed_slots_complete_torrents_wait_until_the_setting_is_raised()
    {
        await using var cluster = await TestClusters.StartOnSqliteAsync(Path.Combine(scratch, "cluster"));
        var settings = cluster.GrainFactory.GetGrain<ISettingsGrain>(ISettingsGrain.GlobalScope);
        Assert.Equal(SettingChangeStatus.Applied, (await settings.SetOverrideAsync("max_active_seeds", "0", "tester")).Status);
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

        var waiting = await ForAllAsync(grains, all => all.All(s => s.Queued && s.VerifiedPieces == s.PieceCount && s.PieceCount > 0));
        await settings.SetOverrideAsync("max_active_seeds", "10", "tester");
        var seeding = await ForAllAsync(grains, all => all.All(s => !s.Queued && s.State == "Seeding"));

        Assert.All(waiting, s => Assert.NotEqual("Seeding", s.State));
        Assert.Equal(grains.Count, seeding.Count);
        await cluster.StopAllSilosAsync();
    }

    public void Dispose() => Directory.Delete(scratch, recursive: true);

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
            Assert.False(deadline.IsCancellationRequested, $"the torrents never got there; last seen: {string.Join("; ", statuses.Select(s => $"{s.State} queued={s.Queued} on {s.Silo}"))}");
            await Task.Delay(100, CancellationToken.None);
        }
    }
}
