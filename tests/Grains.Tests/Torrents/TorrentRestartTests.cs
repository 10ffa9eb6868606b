using Swarmgrid.GrainInterfaces.Torrents;

namespace Swarmgrid.Grains.Tests.Torrents;

/// <summary>Torrents outlive the cluster that ran them: they come back by themselves, in their state, with their pieces.</summary>
public sealed class TorrentRestartTests : IDisposable
{
    private const int PieceLength = 65536;
    private readonly string scratch = Directory.CreateTempSubdirectory("swarmgrid-torrent-restart-").FullName;

    [Fact]
    public async Task After_a_restart_every_torrent_runs_again_in_its_state_keeping_its_verified_pieces()
    {
        var serviceId = "torrents-" + Guid.NewGuid().ToString("N");
        var dataDirectory = Path.Combine(scratch, "cluster");
        var seed = await TorrentFiles.CreateAsync(scratch, 6, PieceLength, 11);
        var partial = await TorrentFiles.CreateAsync(scratch, 6, PieceLength, 12);
        var paused = await TorrentFiles.CreateAsync(scratch, 2, PieceLength, 13);
        await seed.WritePiecesAsync(Path.Combine(scratch, "seed"), seed.PieceCount);
        await partial.WritePiecesAsync(Path.Combine(scratch, "partial"), 3);

        var first = await TestClusters.StartOnSqliteAsync(dataDirectory, serviceId);
        await using (first)
        {
            var grains = first.GrainFactory;
            await grains.GetGrain<ITorrentGrain>(seed.Key).AddAsync(new TorrentSource(seed.Metainfo, null, Path.Combine(scratch, "seed"), TagIds: [9]));
            await grains.GetGrain<ITorrentGrain>(partial.Key).AddAsync(new TorrentSource(partial.Metainfo, null, Path.Combine(scratch, "partial")));
            await grains.GetGrain<ITorrentGrain>(paused.Key).AddAsync(new TorrentSource(paused.Metainfo, null, Path.Combine(scratch, "paused"), Paused: true));
            await grains.GetGrain<ITorrentGrain>(partial.Key).SetCategoryAsync(5);
            await TorrentWaits.ForAsync(grains.GetGrain<ITorrentGrain>(seed.Key), s => s.Completed);
            await TorrentWaits.ForAsync(grains.GetGrain<ITorrentGrain>(partial.Key), s => s.VerifiedPieces == 3 && s.State == "Downloading");
            await first.StopAllSilosAsync();
        }

        var second = await TestClusters.StartOnSqliteAsync(dataDirectory, serviceId);
        await using (second)
        {
            // No grain is called until the silos have brought every torrent back on their own.
            await WaitForLoadedAsync(second, [seed.Key, partial.Key, paused.Key]);
            var grains = second.GrainFactory;

            var seedStatus = await TorrentWaits.ForAsync(grains.GetGrain<ITorrentGrain>(seed.Key), s => s.Completed);
            var partialStatus = await TorrentWaits.ForAsync(grains.GetGrain<ITorrentGrain>(partial.Key), s => s.State == "Downloading");
            var pausedStatus = await grains.GetGrain<ITorrentGrain>(paused.Key).GetStatusAsync();

            Assert.Equal(("Seeding", seed.PieceCount, 0L, "9"), (seedStatus.State, seedStatus.VerifiedPieces, seedStatus.Downloaded, string.Join(',', seedStatus.TagIds)));
            Assert.Equal((3, 5, 0L), (partialStatus.VerifiedPieces, partialStatus.CategoryId, partialStatus.Downloaded));
            Assert.Equal(("Stopped", true), (pausedStatus!.State, pausedStatus.Paused));
            await second.StopAllSilosAsync();
        }
    }

    public void Dispose() => Directory.Delete(scratch, recursive: true);

    private static async Task WaitForLoadedAsync(Orleans.TestingHost.TestCluster cluster, string[] keys)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!keys.All(key => cluster.Silos.Any(silo => TorrentWaits.EngineOf(silo).Loaded.Contains(key))))
        {
            await Task.Delay(100, deadline.Token);
        }
    }
}
