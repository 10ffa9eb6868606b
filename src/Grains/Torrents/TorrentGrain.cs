using Microsoft.Extensions.Logging;
using Swarmgrid.Data.Torrents;
using Swarmgrid.GrainInterfaces;
using Swarmgrid.GrainInterfaces.Realtime;
using Swarmgrid.GrainInterfaces.Torrents;
using Swarmgrid.Grains.Realtime;

namespace Swarmgrid.Grains.Torrents;

/// <summary>
/// Keeps a torrent's source and the user's choices, and runs the torrent in this silo's engine while active. An
/// added torrent never deactivates for idleness; when its silo stops, <c>TorrentRestorer</c> on the next silo to
/// start (or the next call) activates it again, and the engine resumes from the data and resume file on disk.
/// </summary>
public sealed class TorrentGrain(
    [PersistentState("torrent", StorageNames.Main)] IPersistentState<TorrentGrainState> state,
    ITorrentEngine engine,
    TorrentStore store,
    RealtimePublisher realtime,
    TimeProvider clock,
    ILocalSiloDetails silo,
    ILogger<TorrentGrain> logger) : Grain, ITorrentGrain
{
    /// <summary>How often the grain samples its engine figures (rates are samples) and publishes what changed.</summary>
    public static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(1);

    private IGrainTimer? ticks;
    private object? lastProgress;

    private string Key => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Added)
        {
            await RunAsync();
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (state.State.Added)
        {
            await KeepFetchedMetadataAsync(cancellationToken);
            await engine.UnloadAsync(Key);
        }
    }

    public async ValueTask<TorrentStatus> AddAsync(TorrentSource source)
    {
        if (state.State.Added)
        {
            return Status();
        }
        if ((source.Metainfo is null) == (source.MagnetUri is null))
        {
            throw new ArgumentException("Give either the bytes of a .torrent file or a magnet link.", nameof(source));
        }
        var identity = engine.Identify(source.Metainfo, source.MagnetUri);
        if (identity.Key != Key)
        {
            throw new ArgumentException($"The torrent's info-hash is {identity.Key}, not {Key}.", nameof(source));
        }
        state.State = new TorrentGrainState
        {
            Added = true,
            Metainfo = source.Metainfo,
            MagnetUri = source.Metainfo is null ? source.MagnetUri : null,
            Name = identity.Name,
            SavePath = string.IsNullOrWhiteSpace(source.SavePath) ? engine.DefaultSavePath : source.SavePath,
            Paused = source.Paused,
            Category = source.Category,
            Tags = source.Tags?.Distinct().ToList() ?? [],
            AddedAt = clock.GetUtcNow(),
        };
        await SaveAsync();
        await RunAsync();
        var status = Status();
        realtime.Publish(ITorrentGrain.AddedEvent, RealtimeTopics.Torrents, Key, status);
        return status;
    }

    public ValueTask PauseAsync() => ChangeAsync(s => s.Paused = true, restart: true);

    public ValueTask ResumeAsync() => ChangeAsync(s => s.Paused = false, restart: true);

    public async ValueTask RecheckAsync()
    {
        RequireAdded();
        await engine.RecheckAsync(Key);
        PublishChanged();
    }

    public ValueTask SetFilePrioritiesAsync(IReadOnlyList<int> priorities)
    {
        if (priorities.Any(p => p is < 0 or > 7))
        {
            throw new ArgumentOutOfRangeException(nameof(priorities), "File priorities run from 0 (skip) to 7 (maximum).");
        }
        return ChangeAsync(s => s.FilePriorities = [.. priorities], restart: true);
    }

    public ValueTask SetCategoryAsync(string? category) => ChangeAsync(s => s.Category = string.IsNullOrWhiteSpace(category) ? null : category, restart: false);

    public ValueTask SetTagsAsync(IReadOnlyList<string> tags) => ChangeAsync(s => s.Tags = tags.Distinct().ToList(), restart: false);

    public ValueTask SetForceStartAsync(bool forceStart) => ChangeAsync(s => s.ForceStart = forceStart, restart: true);

    public async ValueTask<int> MoveInQueueAsync(QueueMove move)
    {
        RequireAdded();
        var position = await engine.MoveAsync(Key, move);
        state.State.QueuePosition = position;
        await state.WriteStateAsync();
        PublishChanged();
        return position;
    }

    public async ValueTask RemoveAsync(bool deleteData)
    {
        if (!state.State.Added)
        {
            return;
        }
        await engine.RemoveAsync(Key, deleteData);
        await store.DeleteAsync(Key);
        await state.ClearStateAsync();
        state.State = new TorrentGrainState();
        StopTicks();
        realtime.Publish(ITorrentGrain.RemovedEvent, RealtimeTopics.Torrents, Key, new { InfoHash = Key, DeletedData = deleteData });
        DeactivateOnIdle();
    }

    public ValueTask<TorrentStatus?> GetStatusAsync() => ValueTask.FromResult(state.State.Added ? Status() : null);

    private async Task RunAsync()
    {
        var s = state.State;
        // Idle collection would stop the torrent: an added torrent stays active until removed or its silo stops.
        DelayDeactivation(Timeout.InfiniteTimeSpan);
        try
        {
            await engine.ApplyAsync(Key, new EngineTorrentSpec(s.Metainfo, s.MagnetUri, s.SavePath, s.FilePriorities, s.Paused, s.ForceStart,
                s.QueuePosition));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The engine reports the torrent in error; the grain keeps its state so a later resume can retry.
            logger.LogWarning(ex, "Torrent {Key} could not be started", Key);
        }
        ticks ??= this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions(ProgressEvery, ProgressEvery) { Interleave = true });
    }

    /// <summary>Publishes the torrent's figures when they moved, and keeps a magnet link's metadata once fetched.</summary>
    private async Task TickAsync(CancellationToken cancellationToken)
    {
        if (!state.State.Added)
        {
            StopTicks();
            return;
        }
        var status = Status();
        var progress = (status.State, status.BytesDone, status.DownloadRate, status.UploadRate, status.Peers, status.Seeds,
            status.Queued, status.Verifying, status.VerifiedPieces, status.Error);
        if (!progress.Equals(lastProgress))
        {
            lastProgress = progress;
            realtime.Publish(ITorrentGrain.ProgressEvent, RealtimeTopics.Torrents, Key, status);
        }
        await KeepFetchedMetadataAsync(cancellationToken);
    }

    /// <summary>Stores a magnet link's metadata once the engine has it, so that later activations start from it.</summary>
    private async Task KeepFetchedMetadataAsync(CancellationToken cancellationToken)
    {
        if (!state.State.Added || state.State.Metainfo is not null || engine.GetMetainfo(Key) is not { } metainfo)
        {
            return;
        }
        state.State.Metainfo = metainfo;
        state.State.Name = engine.Identify(metainfo, null).Name;
        await SaveAsync();
        PublishChanged();
    }

    private void StopTicks()
    {
        ticks?.Dispose();
        ticks = null;
    }

    private void PublishChanged() => realtime.Publish(ITorrentGrain.ChangedEvent, RealtimeTopics.Torrents, Key, Status());

    private async ValueTask ChangeAsync(Action<TorrentGrainState> change, bool restart)
    {
        RequireAdded();
        change(state.State);
        await SaveAsync();
        if (restart)
        {
            await RunAsync();
        }
        PublishChanged();
    }

    private async Task SaveAsync()
    {
        await state.WriteStateAsync();
        var s = state.State;
        await store.UpsertAsync(new TorrentRecord(Key, s.Name, s.SavePath, s.Category, s.Paused, s.AddedAt), clock.GetUtcNow());
    }

    private void RequireAdded()
    {
        if (!state.State.Added)
        {
            throw new InvalidOperationException($"The torrent {Key} was not added.");
        }
    }

    private TorrentStatus Status()
    {
        var s = state.State;
        var live = engine.GetFigures(Key);
        return new TorrentStatus(
            Key,
            live?.Name ?? s.Name,
            live?.State ?? (s.Paused ? "Stopped" : "Queued"),
            live?.TotalBytes ?? 0,
            live?.BytesDone ?? 0,
            live?.Progress ?? 0,
            live?.DownloadRate ?? 0,
            live?.UploadRate ?? 0,
            live?.Downloaded ?? 0,
            live?.Uploaded ?? 0,
            live?.Peers ?? 0,
            live?.Seeds ?? 0,
            s.Paused,
            live?.Completed ?? false,
            live?.QueuePosition ?? s.QueuePosition,
            s.ForceStart,
            live?.Queued ?? false,
            live?.Verifying ?? false,
            live?.FilesMissing ?? false,
            live?.VerifiedPieces ?? 0,
            live?.PieceCount ?? 0,
            s.SavePath,
            s.Category,
            s.Tags,
            s.FilePriorities,
            s.AddedAt,
            live?.Error,
            silo.SiloAddress.ToString());
    }
}
