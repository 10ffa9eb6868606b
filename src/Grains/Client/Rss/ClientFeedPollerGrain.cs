using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Swarmgrid.GrainInterfaces;
using Swarmgrid.GrainInterfaces.Client;
using Swarmgrid.GrainInterfaces.Torrents;
using Swarmgrid.Grains.Torrents;

namespace Swarmgrid.Grains.Client.Rss;

public sealed class ClientFeedPollerState
{
    /// <summary>Keys of the items added (or found to be no torrent), oldest first, at most <see cref="ClientFeedPollerGrain.MaxSeen"/>.</summary>
    public List<string> Seen { get; set; } = [];

    /// <summary>The URL and filters revision the last complete read of the feed was judged with; null before one.</summary>
    public string? EvaluatedUrl { get; set; }

    public int EvaluatedRevision { get; set; }

    /// <summary>The period the poll reminder was registered with; null when none is registered.</summary>
    public TimeSpan? ReminderPeriod { get; set; }
}

/// <summary>
/// Polls one feed on a reminder. Exactly once: Orleans keeps one activation per feed id in the cluster and runs its calls
/// one at a time, and an item's key is saved right after its torrent is added. A crash between the add and the save
/// makes the next poll add it again, which the torrent grain answers with the torrent it already has (an add is
/// idempotent); only a torrent the user removed in that window would come back. Items no filter accepts are not
/// remembered, so a filter added later still finds them while the feed lists them.
/// </summary>
public sealed class ClientFeedPollerGrain(
    [PersistentState("client-feed-poller", StorageNames.Main)] IPersistentState<ClientFeedPollerState> state,
    IFeedFetcher fetcher,
    ITorrentEngine engine,
    TimeProvider clock,
    ILogger<ClientFeedPollerGrain> logger) : Grain, IClientFeedPollerGrain, IRemindable
{
    public const int MaxSeen = 5000;
    public const long MaxFeedBytes = 5 << 20;
    public const long MaxTorrentBytes = 10 << 20;
    public static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(30);
    private const string ReminderName = "poll";

    private HashSet<string> seen = new(StringComparer.Ordinal);
    private IGrainTimer? soon;

    private int FeedId => (int)this.GetPrimaryKeyLong();

    private IClientFeedsGrain Feeds => GrainFactory.GetGrain<IClientFeedsGrain>(0);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        seen = new HashSet<string>(state.State.Seen, StringComparer.Ordinal);
        return Task.CompletedTask;
    }

    public async Task WakeAsync()
    {
        var feed = await Feeds.GetFeedAsync(FeedId);
        if (feed is not { Enabled: true })
        {
            await StopAsync(forget: feed is null);
            return;
        }
        if (state.State.ReminderPeriod != feed.Interval || await this.GetReminder(ReminderName) is null)
        {
            await this.RegisterOrUpdateReminder(ReminderName, feed.Interval, feed.Interval);
            state.State.ReminderPeriod = feed.Interval;
            await state.WriteStateAsync();
        }
        if (!Evaluated(feed))
        {
            soon?.Dispose();
            soon = this.RegisterGrainTimer(PollSoonAsync, TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
    }

    public async ValueTask<RssPollResult> PollNowAsync() =>
        await Feeds.GetFeedAsync(FeedId) is { } feed ? await PollAsync(feed) : new RssPollResult(false, false, 0, [], "no such feed");

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        var feed = await Feeds.GetFeedAsync(FeedId);
        if (feed is not { Enabled: true })
        {
            await StopAsync(forget: feed is null);
            return;
        }
        await PollLoggedAsync(feed);
    }

    private async Task PollSoonAsync(CancellationToken cancellationToken)
    {
        soon?.Dispose();
        soon = null;
        if (await Feeds.GetFeedAsync(FeedId) is { Enabled: true } feed)
        {
            await PollLoggedAsync(feed);
        }
    }

    private async Task PollLoggedAsync(RssFeed feed)
    {
        try
        {
            var result = await PollAsync(feed);
            if (result.Error is not null)
            {
                logger.LogInformation("RSS feed {FeedId}: {Error}", feed.Id, result.Error);
            }
        }
        catch (Exception ex)
        {
            // The next tick tries again from the saved state; a torrent already added is answered, not added twice.
            logger.LogWarning(ex, "RSS feed {FeedId} could not be polled", feed.Id);
        }
    }

    private async Task<RssPollResult> PollAsync(RssFeed feed)
    {
        var filters = await Feeds.GetFiltersAsync(feed.Id) ?? [];
        var conditional = Evaluated(feed);
        var polledAt = clock.GetUtcNow();
        FeedDownload download;
        IReadOnlyList<FeedItem> items;
        try
        {
            download = await fetcher.GetAsync(new FeedRequest(new Uri(feed.Url), MaxFeedBytes, FetchTimeout,
                conditional ? feed.ETag : null, conditional ? feed.LastModified : null));
            if (download.NotModified)
            {
                await Feeds.RecordPollAsync(feed.Id, feed.Url, new RssPoll(polledAt, feed.ETag, feed.LastModified, null));
                return new RssPollResult(true, true, 0, [], null);
            }
            items = FeedParser.Parse(download.Body);
        }
        catch (Exception ex) when (ex is FeedFetchException or FeedFormatException)
        {
            // The feed keeps its validators, so the next poll asks the same way.
            await Feeds.RecordPollAsync(feed.Id, feed.Url, new RssPoll(polledAt, feed.ETag, feed.LastModified, ex.Message));
            return new RssPollResult(true, false, 0, [], ex.Message);
        }

        var matchers = filters.Where(f => f.Enabled && f.Problem() is null).Select(f => (Filter: f, Regex: f.Compile())).ToList();
        var added = new List<string>();
        string? error = null;
        var retry = false;
        foreach (var item in items)
        {
            if (seen.Contains(item.Key) || matchers.FirstOrDefault(m => Matches(m.Regex, item.Title)).Filter is not { } filter)
            {
                continue;
            }
            try
            {
                added.Add(await AddAsync(item, filter));
            }
            catch (FeedFetchException ex) when (!ex.Refused)
            {
                error ??= $"{item.Title}: {ex.Message}";
                retry = true;
                continue;
            }
            catch (Exception ex) when (ex is FeedFetchException or ArgumentException)
            {
                // Refused or not a torrent: asking again would give the same answer.
                error ??= $"{item.Title}: {ex.Message}";
            }
            await RememberAsync(item.Key);
        }

        // An item to retry needs the whole feed again next time, not a 304.
        (state.State.EvaluatedUrl, state.State.EvaluatedRevision) = retry ? (null, 0) : (feed.Url, feed.FiltersRevision);
        await state.WriteStateAsync();
        await Feeds.RecordPollAsync(feed.Id, feed.Url, new RssPoll(polledAt, retry ? "" : download.ETag ?? "",
            retry ? null : download.LastModified, error));
        return new RssPollResult(true, false, items.Count, added, error);
    }

    /// <summary>Adds the item's torrent as the filter says; its info-hash.</summary>
    private async Task<string> AddAsync(FeedItem item, RssFilter filter)
    {
        byte[]? metainfo = null;
        if (item.TorrentUrl is { } url)
        {
            try
            {
                metainfo = (await fetcher.GetAsync(new FeedRequest(url, MaxTorrentBytes, FetchTimeout))).Body;
            }
            catch (FeedFetchException) when (item.Magnet is not null)
            {
            }
        }
        var magnet = metainfo is null ? item.Magnet : null;
        var identity = engine.Identify(metainfo, magnet);
        int? categoryId = filter.CategoryId is { } id && await GrainFactory.GetGrain<IClientCatalogGrain>(0).GetCategoryAsync(id) is not null ? id : null;
        var savePath = string.IsNullOrWhiteSpace(filter.SavePath) ? null : filter.SavePath;
        await GrainFactory.GetGrain<ITorrentGrain>(identity.Key).AddAsync(new TorrentSource(metainfo, magnet, savePath, CategoryId: categoryId));
        return identity.Key;
    }

    private async Task RememberAsync(string key)
    {
        if (!seen.Add(key))
        {
            return;
        }
        state.State.Seen.Add(key);
        if (state.State.Seen.Count > MaxSeen)
        {
            var dropped = state.State.Seen.Count - MaxSeen;
            foreach (var old in state.State.Seen.Take(dropped))
            {
                seen.Remove(old);
            }
            state.State.Seen.RemoveRange(0, dropped);
        }
        await state.WriteStateAsync();
    }

    private static bool Matches(Regex? regex, string title)
    {
        try
        {
            return regex is null || regex.IsMatch(title);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private bool Evaluated(RssFeed feed) => state.State.EvaluatedUrl == feed.Url && state.State.EvaluatedRevision == feed.FiltersRevision;

    private async Task StopAsync(bool forget)
    {
        if (await this.GetReminder(ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
        if (forget)
        {
            seen.Clear();
            await state.ClearStateAsync();
            DeactivateOnIdle();
        }
        else if (state.State.ReminderPeriod is not null)
        {
            state.State.ReminderPeriod = null;
            await state.WriteStateAsync();
        }
    }
}
