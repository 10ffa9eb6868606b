using Swarmgrid.GrainInterfaces.Settings;
using Swarmgrid.GrainInterfaces.Torrents;

namespace Swarmgrid.Grains.Tests.Torrents;

/// <summary>
/// Share limits as the torrent grain applies them: a complete torrent stops at the global ratio limit unless its own
/// limit says otherwise, and its seeding time and completion time outlive the cluster.
/// </summary>
public sealed class ShareLimitTests : IDisposable
{
    private const int PieceLength = 65536;
    private readonly string scratch = Directory.CreateTempSubdirectory("swarmgrid-share-limits-").FullName;

    public void Dispose() => Directory.Delete(scratch, recursive: true);

    [Fact]
    public async Task A_complete_torrent_stops_at_the_global_ratio_limit_and_its_own_no_limit_overrides_it()
    {
        await using var cluster = await TestClusters.StartOnSqliteAsync(Path.Combine(scratch, "cluster"));
        var stopping = await TorrentFiles.CreateAsync(scratch, 2, PieceLength, 61);
        var unlimited = await TorrentFiles.CreateAsync(scratch, 2, PieceLength, 62);
        await stopping.WritePiecesAsync(Path.Combine(scratch, "stopping"), stopping.PieceCount);
        await unlimited.WritePiecesAsync(Path.Combine(scratch, "unlimited"), unlimited.PieceCount);
        var settings = cluster.GrainFactory.GetGrain<ISettingsGrain>(ISettingsGrain.GlobalScope);
        Assert.Equal(SettingChangeStatus.Applied, (await settings.SetOverrideAsync(ClientSettingKeys.ShareRatioLimit, "0", "tester")).Status);

        var stop = cluster.GrainFactory.GetGrain<ITorrentGrain>(stopping.Key);
        var keep = cluster.GrainFactory.GetGrain<ITorrentGrain>(unlimited.Key);
        await stop.AddAsync(new TorrentSource(stopping.Metainfo, null, Path.Combine(scratch, "stopping")));
        await keep.AddAsync(new TorrentSource(unlimited.Metainfo, null, Path.Combine(scratch, "unlimited"),
            ShareLimits: new ShareLimits(ShareLimits.NoLimit, ShareLimits.NoLimit, ShareLimits.NoLimit)));
        var stopped = await TorrentWaits.ForAsync(stop, s => s.Paused);
        var seeding = await TorrentWaits.ForAsync(keep, s => s.State == "Seeding" && s.SeedingSeconds >= 2);

        Assert.True(stopped.Completed);
        Assert.NotNull(stopped.CompletedAt);
        Assert.Equal(ShareLimits.Global, stopped.ShareLimits);
        Assert.False(seeding.Paused);
        Assert.Equal(ShareLimits.NoLimit, seeding.ShareLimits!.RatioLimit);
        await settings.RemoveOverrideAsync(ClientSettingKeys.ShareRatioLimit, "tester");
        await cluster.StopAllSilosAsync();
    }

    [Fact]
    public async Task Seeding_time_and_completion_time_survive_a_restart()
    {
        var serviceId = "share-" + Guid.NewGuid().ToString("N");
        var dataDirectory = Path.Combine(scratch, "cluster");
        var seed = await TorrentFiles.CreateAsync(scratch, 2, PieceLength, 63);
        await seed.WritePiecesAsync(Path.Combine(scratch, "seed"), seed.PieceCount);
        TorrentStatus before;
        var first = await TestClusters.StartOnSqliteAsync(dataDirectory, serviceId);
        await using (first)
        {
            var grain = first.GrainFactory.GetGrain<ITorrentGrain>(seed.Key);
            await grain.AddAsync(new TorrentSource(seed.Metainfo, null, Path.Combine(scratch, "seed")));
            before = await TorrentWaits.ForAsync(grain, s => s.State == "Seeding" && s.SeedingSeconds >= 3);
            await first.StopAllSilosAsync();
        }
        var second = await TestClusters.StartOnSqliteAsync(dataDirectory, serviceId);
        await using (second)
        {
            var after = await TorrentWaits.ForAsync(second.GrainFactory.GetGrain<ITorrentGrain>(seed.Key), s => s.State == "Seeding");

            Assert.True(after.SeedingSeconds >= before.SeedingSeconds, $"{after.SeedingSeconds} < {before.SeedingSeconds}");
            Assert.Equal(before.CompletedAt, after.CompletedAt);
            await second.StopAllSilosAsync();
        }
    }
}
