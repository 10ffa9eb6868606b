using System.Globalization;
using Microsoft.Extensions.Logging;
using Swarmgrid.GrainInterfaces;
using Swarmgrid.GrainInterfaces.Settings;
using Swarmgrid.GrainInterfaces.Torrents;

namespace Swarmgrid.Grains.Torrents;

/// <summary>What the queue keeps: the torrents in order with their facts, and the limits last known (0 = none).</summary>
public sealed class TorrentQueueState
{
    public List<TorrentQueueItem> Items { get; set; } = [];

    public int MaxActiveDownloads { get; set; }

    public int MaxActiveSeeds { get; set; }
}

public sealed class TorrentQueueItem
{
    public string InfoHash { get; set; } = "";

    public bool Wanted { get; set; }

    public bool Forced { get; set; }

    public bool Seeding { get; set; }
}

/// <summary>
/// The cluster's one queue. Slots follow from the order, the facts and the limits alone, so the queue recomputes them
/// after every change and tells (one-way) each torrent whose slot moved; the caller learns its own slot from the answer.
/// Facts and order are saved with every change, so a queue that moves to another silo grants the same slots.
/// </summary>
public sealed class TorrentQueueGrain(
    [PersistentState("torrent-queue", StorageNames.Main)] IPersistentState<TorrentQueueState> state,
    ILogger<TorrentQueueGrain> logger) : Grain, ITorrentQueueGrain
{
    public const string DownloadsKey = "max_concurrent_downloads";
    public const string SeedsKey = "max_active_seeds";

    private Dictionary<string, QueueSlot> told = new(StringComparer.Ordinal);

    private List<TorrentQueueItem> Items => state.State.Items;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        try
        {
            var settings = await GrainFactory.GetGrain<ISettingsGrain>(ISettingsGrain.GlobalScope).GetAllAsync();
            if (Read(settings, DownloadsKey) is { } downloads && Read(settings, SeedsKey) is { } seeds
                && (downloads, seeds) != (state.State.MaxActiveDownloads, state.State.MaxActiveSeeds))
            {
                (state.State.MaxActiveDownloads, state.State.MaxActiveSeeds) = (downloads, seeds);
                await state.WriteStateAsync(cancellationToken);
            }
        }
        catch (Exception ex) when (ex is OrleansException or TimeoutException)
        {
            // The limits saved last stand until the silos' followers pass on the settings again.
            logger.LogWarning(ex, "The queue limits could not be read from the settings");
        }
        told = Slots();
    }

    public async ValueTask<QueueSlot> ReportAsync(string infoHash, QueueFacts facts)
    {
        var item = Items.Find(i => i.InfoHash == infoHash);
        if (item is null)
        {
            item = new TorrentQueueItem { InfoHash = infoHash };
            Items.Add(item);
        }
        else if ((item.Wanted, item.Forced, item.Seeding) == (facts.Wanted, facts.Forced, facts.Seeding))
        {
            return told.TryGetValue(infoHash, out var known) ? known : Slots()[infoHash];
        }
        (item.Wanted, item.Forced, item.Seeding) = (facts.Wanted, facts.Forced, facts.Seeding);
        await state.WriteStateAsync();
        return Regrant(infoHash)[infoHash];
    }

    public ValueTask<QueueSlot?> MoveToAsync(string infoHash, int position) => MoveAsync(infoHash, _ => position);

    public ValueTask<QueueSlot?> MoveAsync(string infoHash, QueueMove move) => MoveAsync(infoHash, from => move switch
    {
        QueueMove.Up => from - 1,
        QueueMove.Down => from + 1,
        QueueMove.Top => 0,
        _ => int.MaxValue,
    });

    public async ValueTask RemoveAsync(string infoHash)
    {
        if (Items.RemoveAll(i => i.InfoHash == infoHash) > 0)
        {
            await state.WriteStateAsync();
            told.Remove(infoHash);
            Regrant(infoHash);
        }
    }

    public async ValueTask SetLimitsAsync(int maxActiveDownloads, int maxActiveSeeds)
    {
        if ((maxActiveDownloads, maxActiveSeeds) == (state.State.MaxActiveDownloads, state.State.MaxActiveSeeds))
        {
            return;
        }
        (state.State.MaxActiveDownloads, state.State.MaxActiveSeeds) = (maxActiveDownloads, maxActiveSeeds);
        await state.WriteStateAsync();
        logger.LogInformation("Queue limits: {Downloads} downloads, {Seeds} seeds (0 = no limit)", maxActiveDownloads, maxActiveSeeds);
        Regrant(null);
    }

    public ValueTask<QueueSnapshot> GetAsync()
    {
        var slots = Slots();
        return ValueTask.FromResult(new QueueSnapshot(state.State.MaxActiveDownloads, state.State.MaxActiveSeeds,
            Items.Select(i => new QueueEntry(i.InfoHash, new QueueFacts(i.Wanted, i.Forced, i.Seeding), slots[i.InfoHash].Granted)).ToList()));
    }

    private async ValueTask<QueueSlot?> MoveAsync(string infoHash, Func<int, int> target)
    {
        var from = Items.FindIndex(i => i.InfoHash == infoHash);
        if (from < 0)
        {
            return null;
        }
        var item = Items[from];
        Items.RemoveAt(from);
        Items.Insert(Math.Clamp(target(from), 0, Items.Count), item);
        await state.WriteStateAsync();
        return Regrant(infoHash)[infoHash];
    }

    /// <summary>Recomputes every slot and tells each torrent but <paramref name="caller"/> whose slot changed.</summary>
    private Dictionary<string, QueueSlot> Regrant(string? caller)
    {
        var slots = Slots();
        foreach (var (infoHash, slot) in slots)
        {
            if (infoHash != caller && (!told.TryGetValue(infoHash, out var before) || before != slot))
            {
                // One-way: the queue never waits on a torrent (which may be waiting on the queue, or on a dead silo).
                _ = GrainFactory.GetGrain<ITorrentGrain>(infoHash).OnQueueSlotAsync(slot);
            }
        }
        told = slots;
        return slots;
    }

    /// <summary>
    /// Every torrent's slot: of those that want to run, force-started ones always run; then, in queue order, complete
    /// ones while seed slots remain and incomplete ones while download slots remain.
    /// </summary>
    private Dictionary<string, QueueSlot> Slots()
    {
        var slots = new Dictionary<string, QueueSlot>(Items.Count, StringComparer.Ordinal);
        int downloads = 0, seeds = 0;
        for (var position = 0; position < Items.Count; position++)
        {
            var item = Items[position];
            var granted = item.Wanted && (item.Forced || (item.Seeding
                ? Take(ref seeds, state.State.MaxActiveSeeds)
                : Take(ref downloads, state.State.MaxActiveDownloads)));
            slots[item.InfoHash] = new QueueSlot(position, granted);
        }
        return slots;
    }

    private static bool Take(ref int active, int limit)
    {
        if (limit > 0 && active >= limit)
        {
            return false;
        }
        active++;
        return true;
    }

    /// <summary>A limit setting's value; null when absent or not a number.</summary>
    public static int? Read(IReadOnlyList<SettingView> settings, string key) =>
        settings.FirstOrDefault(s => s.Key == key) is { } setting && int.TryParse(setting.ValueJson, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? Math.Max(0, value)
            : null;
}
