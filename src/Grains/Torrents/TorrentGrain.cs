using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Swarmgrid.Data.Torrents;
using Swarmgrid.GrainInterfaces;
using Swarmgrid.GrainInterfaces.Client;
using Swarmgrid.GrainInterfaces.Library;
using Swarmgrid.GrainInterfaces.Realtime;
using Swarmgrid.GrainInterfaces.Settings;
using Swarmgrid.GrainInterfaces.Torrents;
using Swarmgrid.Grains.Realtime;

namespace Swarmgrid.Grains.Torrents;

/// <summary>
/// Keeps a torrent's source and the user's choices, and runs the torrent in this silo's engine while active and granted
/// a slot by the cluster's queue (<see cref="ITorrentQueueGrain"/>). An added torrent never deactivates for idleness;
/// when its silo stops or dies, <c>TorrentRestorer</c> and <c>TorrentFailover</c> on the other silos activate it again
/// (the read model records which silo ran it), and the engine resumes from the data and resume file on disk.
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

    /// <summary>How often lifetime totals are saved while they move (a crash loses at most this much of them).</summary>
    public static readonly TimeSpan TotalsEvery = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How often the figures are published even when unchanged, so that a process which missed events (the feed grain
    /// moving with a dead silo) is never stale for longer.
    /// </summary>
    public static readonly TimeSpan ProgressHeartbeat = TimeSpan.FromSeconds(30);

    /// <summary>How often a complete torrent reads the global share limits again.</summary>
    public static readonly TimeSpan GlobalLimitsEvery = TimeSpan.FromSeconds(10);

    /// <summary>How often the torrent tells the queue its facts again, healing a slot message lost with a silo.</summary>
    public static readonly TimeSpan QueueRenewEvery = TimeSpan.FromSeconds(30);

    private IGrainTimer? ticks;
    private object? lastProgress;
    private QueueSlot? slot;
    private DateTimeOffset lastQueueReport;
    private DateTimeOffset lastTotalsSave;
    private DateTimeOffset lastProgressAt;
    private long baseDownloaded;
    private long baseUploaded;
    private DetailParts watchedParts;
    private DateTimeOffset? lastTickAt;
    private TimeSpan seedingCarry;
    private long savedSeedingSeconds;
    private ShareLimits globalLimits = new(ShareLimits.NoLimit, ShareLimits.NoLimit, ShareLimits.NoLimit);
    private ShareLimitAction globalAction;
    private DateTimeOffset globalLimitsAt = DateTimeOffset.MinValue;
    private DateTimeOffset watchedUntil;

    private string Key => this.GetPrimaryKeyString();

    private ITorrentQueueGrain Queue => GrainFactory.GetGrain<ITorrentQueueGrain>(0);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (baseDownloaded, baseUploaded) = (state.State.Downloaded, state.State.Uploaded);
        if (state.State.Added)
        {
            await SaveAsync();
            await RunAsync();
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (state.State.Added)
        {
            await KeepFetchedMetadataAsync();
            CaptureTotals();
            await state.WriteStateAsync(cancellationToken);
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
        var savePath = source.SavePath;
        if (string.IsNullOrWhiteSpace(savePath) && source.CategoryId is { } categoryId
            && await GrainFactory.GetGrain<IClientCatalogGrain>(0).GetCategoryAsync(categoryId) is { DefaultSavePath.Length: > 0 } category)
        {
            savePath = category.DefaultSavePath;
        }
        state.State = new TorrentGrainState
        {
            Added = true,
            Metainfo = source.Metainfo,
            MagnetUri = source.Metainfo is null ? source.MagnetUri : null,
            Magnet = identity.Magnet,
            Name = identity.Name,
            FileCount = identity.FileCount,
            SavePath = string.IsNullOrWhiteSpace(savePath) ? engine.DefaultSavePath : savePath,
            Paused = source.Paused,
            CategoryId = source.CategoryId,
            TagIds = source.TagIds?.Distinct().ToList() ?? [],
            AddedAt = clock.GetUtcNow(),
            RatioLimit = source.ShareLimits?.RatioLimit ?? ShareLimits.UseGlobal,
            SeedingTimeLimit = source.ShareLimits?.SeedingTimeMinutes ?? ShareLimits.UseGlobal,
            InactiveSeedingTimeLimit = source.ShareLimits?.InactiveSeedingTimeMinutes ?? ShareLimits.UseGlobal,
        };
        (baseDownloaded, baseUploaded) = (0, 0);
        await SaveAsync();
        await RunAsync();
        var status = Status();
        realtime.Publish(ITorrentGrain.AddedEvent, RealtimeTopics.Torrents, Key, status);
        await TellLibraryAsync();
        return status;
    }

    public ValueTask PauseAsync() => ChangeAsync(s => s.Paused = true, apply: true);

    public ValueTask ResumeAsync() => ChangeAsync(s => s.Paused = false, apply: true);

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
        return ChangeAsync(s => s.FilePriorities = [.. priorities], apply: true);
    }

    public async ValueTask<bool> ChangeFilePrioritiesAsync(IReadOnlyDictionary<int, int> priorities)
    {
        RequireAdded();
        if (state.State.FileCount is not { } count)
        {
            return false;
        }
        if (priorities.Keys.Where(i => i < 0 || i >= count).Order().ToList() is [var badIndex, ..])
        {
            throw new ArgumentOutOfRangeException(nameof(priorities), $"file index {badIndex} is not a file of this torrent (it has {count})");
        }
        if (priorities.Values.Any(p => p is < 0 or > 7))
        {
            throw new ArgumentOutOfRangeException(nameof(priorities), "file priorities run from 0 (skip) to 7 (maximum)");
        }
        await ChangeAsync(s =>
        {
            var all = Enumerable.Range(0, count).Select(i => i < s.FilePriorities.Count ? s.FilePriorities[i] : 1).ToList();
            foreach (var (index, priority) in priorities)
            {
                all[index] = priority;
            }
            s.FilePriorities = all;
        }, apply: true);
        return true;
    }

    public ValueTask SetCategoryAsync(int? categoryId) => ChangeAsync(s => s.CategoryId = categoryId, apply: false);

    public ValueTask SetTagsAsync(IReadOnlyList<int> tagIds) => ChangeAsync(s => s.TagIds = tagIds.Distinct().ToList(), apply: false);

    public ValueTask AssignTagAsync(int tagId) =>
        state.State.TagIds.Contains(tagId) ? ValueTask.CompletedTask : ChangeAsync(s => s.TagIds.Add(tagId), apply: false);

    public ValueTask UnassignTagAsync(int tagId) =>
        !state.State.TagIds.Contains(tagId) ? ValueTask.CompletedTask : ChangeAsync(s => s.TagIds.Remove(tagId), apply: false);

    public ValueTask SetShareLimitsAsync(ShareLimits limits) => ChangeAsync(s =>
    {
        s.RatioLimit = limits.RatioLimit;
        s.SeedingTimeLimit = limits.SeedingTimeMinutes;
        s.InactiveSeedingTimeLimit = limits.InactiveSeedingTimeMinutes;
    }, apply: false);

    public async ValueTask<bool> SetSavePathAsync(string savePath)
    {
        RequireAdded();
        var s = state.State;
        if (string.Equals(Path.GetFullPath(savePath), Path.GetFullPath(s.SavePath), StringComparison.Ordinal))
        {
            return true;
        }
        // The engine holds the files open: take the torrent out, move its data, then load it from the new folder.
        CaptureTotals();
        (baseDownloaded, baseUploaded) = (s.Downloaded, s.Uploaded);
        await engine.UnloadAsync(Key);
        var moved = false;
        try
        {
            TorrentData.Move(s.SavePath, savePath, s.Name);
            moved = true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(ex, "Torrent {Key} could not be moved to {SavePath}", Key, savePath);
        }
        if (moved)
        {
            s.SavePath = savePath;
            await SaveAsync();
        }
        await ApplyEngineAsync();
        PublishChanged();
        return moved;
    }

    public ValueTask SetForceStartAsync(bool forceStart) => ChangeAsync(s => s.ForceStart = forceStart, apply: true);

    public async ValueTask<int> MoveInQueueAsync(QueueMove move)
    {
        RequireAdded();
        return await TakeSlotAsync(await Queue.MoveAsync(Key, move) ?? await Queue.ReportAsync(Key, Facts()));
    }

    public async ValueTask<int> SetQueuePositionAsync(int position)
    {
        RequireAdded();
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        if (await Queue.MoveToAsync(Key, position) is not { } moved)
        {
            await Queue.ReportAsync(Key, Facts());
            moved = await Queue.MoveToAsync(Key, position) ?? throw new InvalidOperationException("The queue lost the torrent.");
        }
        return await TakeSlotAsync(moved);
    }

    public async ValueTask RemoveAsync(bool deleteData)
    {
        if (!state.State.Added)
        {
            return;
        }
        await engine.RemoveAsync(Key, deleteData);
        await Queue.RemoveAsync(Key);
        await store.DeleteAsync(Key);
        await state.ClearStateAsync();
        state.State = new TorrentGrainState();
        slot = null;
        StopTicks();
        realtime.Publish(ITorrentGrain.RemovedEvent, RealtimeTopics.Torrents, Key, new { InfoHash = Key, DeletedData = deleteData });
        DeactivateOnIdle();
    }

    public ValueTask<TorrentStatus?> GetStatusAsync() => ValueTask.FromResult(state.State.Added ? Status() : null);

    public ValueTask<TorrentDetail?> GetDetailAsync(DetailParts parts) => ValueTask.FromResult(state.State.Added ? Detail(parts) : null);

    public ValueTask<bool> WatchAsync(DetailParts parts)
    {
        if (!state.State.Added)
        {
            return ValueTask.FromResult(false);
        }
        var now = clock.GetUtcNow();
        watchedParts = now < watchedUntil ? watchedParts | parts : parts;
        watchedUntil = now + ITorrentGrain.WatchLease;
        PublishDetail();
        return ValueTask.FromResult(true);
    }

    public async Task OnQueueSlotAsync(QueueSlot given)
    {
        if (!state.State.Added)
        {
            // The queue holds a torrent that is gone (its removal did not reach the queue): free the slot it holds.
            await Queue.RemoveAsync(Key);
            DeactivateOnIdle();
            return;
        }
        if (given != slot)
        {
            await TakeSlotAsync(given);
        }
    }

    /// <summary>Records the queue's answer, starting or stopping the engine when the grant changed; the position.</summary>
    private async Task<int> TakeSlotAsync(QueueSlot given)
    {
        var before = slot;
        slot = given;
        if (before?.Granted != given.Granted)
        {
            await ApplyEngineAsync();
        }
        if (before != given)
        {
            PublishChanged();
        }
        return given.Position;
    }

    private QueueFacts Facts() => new(!state.State.Paused, state.State.ForceStart, state.State.Seeding);

    /// <summary>Tells the queue this torrent's facts; keeps the slot it answers (none while the queue cannot be reached).</summary>
    private async Task ReportToQueueAsync()
    {
        try
        {
            slot = await Queue.ReportAsync(Key, Facts());
            lastQueueReport = clock.GetUtcNow();
        }
        catch (Exception ex) when (ex is OrleansException or TimeoutException)
        {
            // The queue's silo may be going away: the torrent waits, and the next tick asks again.
            logger.LogWarning(ex, "Torrent {Key} could not reach the queue", Key);
            slot = null;
        }
    }

    private async Task RunAsync()
    {
        // Idle collection would stop the torrent: an added torrent stays active until removed or its silo stops.
        DelayDeactivation(Timeout.InfiniteTimeSpan);
        await ReportToQueueAsync();
        await ApplyEngineAsync();
        ticks ??= this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions(ProgressEvery, ProgressEvery));
    }

    private async Task ApplyEngineAsync()
    {
        var s = state.State;
        try
        {
            await engine.ApplyAsync(Key, new EngineTorrentSpec(s.Metainfo, s.MagnetUri, s.SavePath, s.FilePriorities, s.Paused, slot?.Granted ?? false));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The engine reports the torrent in error; the grain keeps its state so a later resume can retry.
            logger.LogWarning(ex, "Torrent {Key} could not be started", Key);
        }
    }

    /// <summary>
    /// Publishes the torrent's figures when they moved (and every <see cref="ProgressHeartbeat"/>), tells the queue when it became (or stopped being) a seed, keeps
    /// a magnet link's metadata once fetched, saves lifetime totals now and then, and publishes its detail while watched.
    /// </summary>
    private async Task TickAsync(CancellationToken cancellationToken)
    {
        if (!state.State.Added)
        {
            StopTicks();
            return;
        }
        var now = clock.GetUtcNow();
        var live = engine.GetFigures(Key);
        CountSeedingTime(live, now);
        if (live is { Checked: true } && live.State is "Downloading" or "Seeding" && live.Completed != state.State.Seeding)
        {
            state.State.Seeding = live.Completed;
            state.State.CompletedAt ??= live.Completed ? now : null;
            await state.WriteStateAsync(cancellationToken);
            await ReportToQueueAsync();
            await ApplyEngineAsync();
        }
        else if (slot is null || now - lastQueueReport >= QueueRenewEvery)
        {
            var before = slot;
            await ReportToQueueAsync();
            if (before?.Granted != slot?.Granted)
            {
                await ApplyEngineAsync();
            }
        }
        var status = Status();
        var progress = (status.State, status.BytesDone, status.DownloadRate, status.UploadRate, status.Peers, status.Seeds, status.Queued,
            status.Verifying, status.VerifiedPieces, status.Error, status.QueuePosition, status.Completed, status.TotalBytes);
        if (!progress.Equals(lastProgress) || now - lastProgressAt >= ProgressHeartbeat)
        {
            (lastProgress, lastProgressAt) = (progress, now);
            realtime.Publish(ITorrentGrain.ProgressEvent, RealtimeTopics.Torrents, Key, status);
        }
        await KeepFetchedMetadataAsync();
        if (await ShareLimitReachedAsync(status, now) is { } action)
        {
            await ApplyShareLimitAsync(action);
            return;
        }
        if (now - lastTotalsSave >= TotalsEvery && (CaptureTotals() | state.State.SeedingSeconds != savedSeedingSeconds))
        {
            (lastTotalsSave, savedSeedingSeconds) = (now, state.State.SeedingSeconds);
            await state.WriteStateAsync(cancellationToken);
        }
        if (now < watchedUntil)
        {
            PublishDetail();
        }
    }

    /// <summary>Adds the time since the last tick to the seeding time while the engine seeds it, and notes activity.</summary>
    private void CountSeedingTime(EngineTorrentFigures? live, DateTimeOffset now)
    {
        var since = lastTickAt;
        lastTickAt = now;
        if (live is null)
        {
            return;
        }
        if (live.DownloadRate > 0 || live.UploadRate > 0)
        {
            state.State.LastActivity = now;
        }
        if (since is { } before && live.State == "Seeding" && live.Completed)
        {
            seedingCarry += now - before;
            var whole = (long)seedingCarry.TotalSeconds;
            state.State.SeedingSeconds += whole;
            seedingCarry -= TimeSpan.FromSeconds(whole);
        }
    }

    /// <summary>
    /// The action to take when a complete, running torrent has reached one of its share limits (its own, or the global
    /// ones, read from the settings grain now and then); null otherwise.
    /// </summary>
    private async Task<ShareLimitAction?> ShareLimitReachedAsync(TorrentStatus status, DateTimeOffset now)
    {
        var s = state.State;
        if (s.Paused || !status.Completed || status.Verifying)
        {
            return null;
        }
        if (now - globalLimitsAt >= GlobalLimitsEvery)
        {
            await ReadGlobalLimitsAsync(now);
        }
        var ratioLimit = s.RatioLimit == ShareLimits.UseGlobal ? globalLimits.RatioLimit : s.RatioLimit;
        var seedingLimit = s.SeedingTimeLimit == ShareLimits.UseGlobal ? globalLimits.SeedingTimeMinutes : s.SeedingTimeLimit;
        var inactiveLimit = s.InactiveSeedingTimeLimit == ShareLimits.UseGlobal ? globalLimits.InactiveSeedingTimeMinutes : s.InactiveSeedingTimeLimit;
        var reached = (ratioLimit >= 0 && ShareLimits.Ratio(status.Downloaded, status.Uploaded, status.BytesDone) >= ratioLimit)
            || (seedingLimit >= 0 && s.SeedingSeconds >= seedingLimit * 60L)
            || (inactiveLimit >= 0 && now - (s.LastActivity ?? s.CompletedAt ?? s.AddedAt) >= TimeSpan.FromMinutes(inactiveLimit));
        return reached ? globalAction : null;
    }

    private async Task ReadGlobalLimitsAsync(DateTimeOffset now)
    {
        try
        {
            var values = (await GrainFactory.GetGrain<ISettingsGrain>(ISettingsGrain.GlobalScope).GetAllAsync())
                .ToDictionary(v => v.Key, v => v.ValueJson, StringComparer.Ordinal);
            double Number(string key, double fallback) =>
                values.TryGetValue(key, out var json) && double.TryParse(json, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : fallback;
            globalLimits = new ShareLimits(Number(ClientSettingKeys.ShareRatioLimit, -1), (int)Number(ClientSettingKeys.ShareSeedingMinutes, -1),
                (int)Number(ClientSettingKeys.ShareInactiveSeedingMinutes, -1));
            globalAction = (ShareLimitAction)(int)Number(ClientSettingKeys.ShareLimitAction, 0);
            globalLimitsAt = now;
        }
        catch (Exception ex) when (ex is OrleansException or TimeoutException)
        {
            logger.LogWarning(ex, "Torrent {Key} could not read the global share limits", Key);
        }
    }

    private async Task ApplyShareLimitAsync(ShareLimitAction action)
    {
        logger.LogInformation("Torrent {Key} reached its share limit: {Action}", Key, action);
        switch (action)
        {
            case ShareLimitAction.Remove:
                await RemoveAsync(deleteData: false);
                break;
            case ShareLimitAction.RemoveWithData:
                await RemoveAsync(deleteData: true);
                break;
            default:
                await ChangeAsync(s => s.Paused = true, apply: true);
                break;
        }
    }

    /// <summary>Folds the engine's counters into the lifetime totals; true when they moved.</summary>
    private bool CaptureTotals()
    {
        if (engine.GetFigures(Key) is not { } live)
        {
            return false;
        }
        var (downloaded, uploaded) = (baseDownloaded + live.Downloaded, baseUploaded + live.Uploaded);
        if (downloaded == state.State.Downloaded && uploaded == state.State.Uploaded)
        {
            return false;
        }
        (state.State.Downloaded, state.State.Uploaded) = (downloaded, uploaded);
        return true;
    }

    /// <summary>Stores a magnet link's metadata once the engine has it, so that later activations start from it.</summary>
    private async Task KeepFetchedMetadataAsync()
    {
        if (!state.State.Added || state.State.Metainfo is not null || engine.GetMetainfo(Key) is not { } metainfo)
        {
            return;
        }
        var identity = engine.Identify(metainfo, null);
        state.State.Metainfo = metainfo;
        state.State.Name = identity.Name;
        state.State.FileCount = identity.FileCount;
        await SaveAsync();
        PublishChanged();
        await TellLibraryAsync();
    }

    /// <summary>The library learns of every torrent the client holds, and of its files once they are known.</summary>
    private Task TellLibraryAsync() =>
        GrainFactory.GetGrain<ILibraryIndexerGrain>(0).RecordAsync(new LibrarySighting(
            Key, "client", state.State.Metainfo, state.State.Name, null,
            JsonSerializer.Serialize(new { name = state.State.Name, metadata = state.State.Metainfo is not null })));

    private void StopTicks()
    {
        ticks?.Dispose();
        ticks = null;
    }

    private void PublishChanged() => realtime.Publish(ITorrentGrain.ChangedEvent, RealtimeTopics.Torrents, Key, Status());

    private void PublishDetail() => realtime.Publish(ITorrentGrain.DetailEvent, RealtimeTopics.TorrentPrefix + Key, Key, Detail(watchedParts));

    private async ValueTask ChangeAsync(Action<TorrentGrainState> change, bool apply)
    {
        RequireAdded();
        var facts = Facts();
        change(state.State);
        await SaveAsync();
        if (Facts() != facts)
        {
            await ReportToQueueAsync();
        }
        if (apply)
        {
            await ApplyEngineAsync();
        }
        PublishChanged();
    }

    private async Task SaveAsync()
    {
        CaptureTotals();
        await state.WriteStateAsync();
        var s = state.State;
        await store.UpsertAsync(new TorrentRecord(Key, s.Name, s.SavePath, s.CategoryId, s.Paused, s.AddedAt, silo.SiloAddress.ToString()),
            clock.GetUtcNow());
    }

    private void RequireAdded()
    {
        if (!state.State.Added)
        {
            throw new InvalidOperationException($"The torrent {Key} was not added.");
        }
    }

    private TorrentDetail Detail(DetailParts parts) =>
        engine.GetDetail(Key, parts, state.State.FilePriorities)
        ?? new TorrentDetail(Key, parts.HasFlag(DetailParts.Files) ? [] : null, parts.HasFlag(DetailParts.Peers) ? [] : null,
            parts.HasFlag(DetailParts.Trackers) ? [] : null);

    private TorrentStatus Status()
    {
        var s = state.State;
        var live = engine.GetFigures(Key);
        var queued = !s.Paused && slot is not { Granted: true };
        // Before this engine has checked the data, the last check's word stands, except while a check runs.
        var completed = live is { Checked: true } ? live.Completed : live is not { Verifying: true } && s.Seeding;
        var stateName = live?.State ?? "Stopped";
        if (queued && stateName == "Stopped")
        {
            stateName = "Queued";
        }
        return new TorrentStatus(
            Key,
            // The kept name: a magnet link's display name until its metadata arrives, then the torrent's.
            s.Name,
            stateName,
            live?.TotalBytes ?? 0,
            live?.BytesDone ?? 0,
            live?.Progress ?? 0,
            live?.DownloadRate ?? 0,
            live?.UploadRate ?? 0,
            baseDownloaded + (live?.Downloaded ?? 0),
            baseUploaded + (live?.Uploaded ?? 0),
            live?.Peers ?? 0,
            live?.Seeds ?? 0,
            s.Paused,
            completed,
            slot?.Position ?? -1,
            s.ForceStart,
            queued,
            live?.Verifying ?? false,
            live?.FilesMissing ?? false,
            live?.VerifiedPieces ?? 0,
            live?.PieceCount ?? 0,
            s.SavePath,
            s.CategoryId,
            s.TagIds,
            s.FilePriorities,
            s.AddedAt,
            live?.Error,
            silo.SiloAddress.ToString(),
            s.Magnet,
            s.FileCount ?? 0,
            new ShareLimits(s.RatioLimit, s.SeedingTimeLimit, s.InactiveSeedingTimeLimit),
            s.SeedingSeconds,
            s.CompletedAt,
            s.LastActivity);
    }
}
