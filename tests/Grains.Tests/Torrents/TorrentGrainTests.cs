using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Swarmgrid.GrainInterfaces.Torrents;
using Swarmgrid.Grains.Torrents;

namespace Swarmgrid.Grains.Tests.Torrents;

/// <summary>Torrent grains on the shared two-silo cluster, running torrents in the silos' engines without peers.</summary>
[Collection(ClusterCollection.Name)]
public sealed class TorrentGrainTests(ClusterFixture fixture) : IDisposable
{
    private const int PieceLength = 65536;
    private readonly string scratch = Directory.CreateTempSubdirectory("swarmgrid-torrent-grain-").FullName;

    [Fact]
    public async Task A_torrent_whose_data_is_on_disk_is_checked_and_becomes_a_completed_seed()
    {
        var files = await TorrentFiles.CreateAsync(scratch, 8, PieceLength, 1);
        var saveTo = Path.Combine(scratch, "complete");
        await files.WritePiecesAsync(saveTo, files.PieceCount);
        var grain = fixture.Cluster.GrainFactory.GetGrain<ITorrentGrain>(files.Key);

        var added = await grain.AddAsync(new TorrentSource(files.Metainfo, null, saveTo, CategoryId: 7, TagIds: [3, 3, 4]));
        var status = await TorrentWaits.ForAsync(grain, s => s.Completed);

        Assert.Equal(files.Key, added.InfoHash);
        Assert.Equal((files.Name, "Seeding", (long)files.Content.Length, (long)files.Content.Length, 1.0), (status.Name, status.State, status.TotalBytes, status.BytesDone, status.Progress));
        Assert.Equal((files.PieceCount, files.PieceCount, 0L), (status.VerifiedPieces, status.PieceCount, status.Downloaded));
        Assert.Equal((7, "3,4", saveTo), (status.CategoryId, string.Join(',', status.TagIds), status.SavePath));
        Assert.False(status.Paused || status.Queued || status.Verifying || status.FilesMissing);
    }

    [Fact]
    public async Task Pausing_stops_the_torrent_and_resuming_starts_it_again()
    {
        var files = await TorrentFiles.CreateAsync(scratch, 4, PieceLength, 2);
        var saveTo = Path.Combine(scratch, "paused");
        await files.WritePiecesAsync(saveTo, 2);
        var grain = fixture.Cluster.GrainFactory.GetGrain<ITorrentGrain>(files.Key);
        await grain.AddAsync(new TorrentSource(files.Metainfo, null, saveTo));
        await TorrentWaits.ForAsync(grain, s => s.State == "Downloading");

        await grain.PauseAsync();
        var paused = await grain.GetStatusAsync();
        await grain.ResumeAsync();
        var resumed = await TorrentWaits.ForAsync(grain, s => s.State == "Downloading");

        Assert.Equal(("Stopped", true), (paused!.State, paused.Paused));
        Assert.Equal((2, false, false), (resumed.VerifiedPieces, resumed.Paused, resumed.Completed));
    }

    [Fact]
    public async Task A_recheck_finds_data_written_behind_the_engine_s_back()
    {
        var files = await TorrentFiles.CreateAsync(scratch, 4, PieceLength, 3);
        var saveTo = Path.Combine(scratch, "recheck");
        await files.WritePiecesAsync(saveTo, 1);
        var grain = fixture.Cluster.GrainFactory.GetGrain<ITorrentGrain>(files.Key);
        await grain.AddAsync(new TorrentSource(files.Metainfo, null, saveTo));
        await TorrentWaits.ForAsync(grain, s => s.State == "Downloading");
        await grain.PauseAsync();
        await files.WritePiecesAsync(saveTo, files.PieceCount);

        await grain.ResumeAsync();
        await grain.RecheckAsync();
        // Completed stays true from the check at resume while the recheck hashes again; Seeding only follows the recheck.
        var status = await TorrentWaits.ForAsync(grain, s => s.State == "Seeding");

        Assert.Equal(files.PieceCount, status.VerifiedPieces);
    }

    [Fact]
    public async Task Removing_with_data_deletes_the_files_and_forgets_the_torrent()
    {
        var files = await TorrentFiles.CreateAsync(scratch, 2, PieceLength, 4);
        var saveTo = Path.Combine(scratch, "removed");
        await files.WritePiecesAsync(saveTo, files.PieceCount);
        var grain = fixture.Cluster.GrainFactory.GetGrain<ITorrentGrain>(files.Key);
        await grain.AddAsync(new TorrentSource(files.Metainfo, null, saveTo));
        await TorrentWaits.ForAsync(grain, s => s.Completed);

        await grain.RemoveAsync(deleteData: true);

        Assert.Null(await grain.GetStatusAsync());
        Assert.False(File.Exists(Path.Combine(saveTo, files.Name)));
        Assert.All(fixture.Cluster.Silos, silo => Assert.DoesNotContain(files.Key, TorrentWaits.EngineOf(silo).Loaded));
    }

    [Fact]
    public async Task A_source_for_another_info_hash_is_refused()
    {
        var files = await TorrentFiles.CreateAsync(scratch, 1, PieceLength, 5);
        var grain = fixture.Cluster.GrainFactory.GetGrain<ITorrentGrain>(new string('0', 40));

        await Assert.ThrowsAsync<ArgumentException>(() => grain.AddAsync(new TorrentSource(files.Metainfo, null, scratch)).AsTask());
        Assert.Null(await grain.GetStatusAsync());
    }

    public void Dispose() => Directory.Delete(scratch, recursive: true);
}

/// <summary>Bounded waits on torrent grains and a look into a test silo's engine.</summary>
public static class TorrentWaits
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    public static async Task<TorrentStatus> ForAsync(ITorrentGrain grain, Func<TorrentStatus, bool> condition)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        while (true)
        {
            var status = await grain.GetStatusAsync();
            if (status is not null && condition(status))
            {
                return status;
            }
            Assert.False(deadline.IsCancellationRequested, $"the torrent never got there; last seen: {status}");
            await Task.Delay(50, CancellationToken.None);
        }
    }

    public static ITorrentEngine EngineOf(SiloHandle silo) =>
        ((InProcessSiloHandle)silo).SiloHost.Services.GetRequiredService<ITorrentEngine>();
}
