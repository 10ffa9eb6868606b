using Swarmgrid.GrainInterfaces;
using Swarmgrid.GrainInterfaces.Client;
using Swarmgrid.GrainInterfaces.Realtime;
using Swarmgrid.Grains.Realtime;

namespace Swarmgrid.Grains.Client.Rss;

public sealed class ClientFeedsState
{
    public int NextFeedId { get; set; } = 1;
    public int NextFilterId { get; set; } = 1;
    public List<RssFeed> Feeds { get; set; } = [];
    public List<RssFilter> Filters { get; set; } = [];
}

/// <summary>
/// Keeps the feeds and filters and wakes a feed's poller after each change. The wake is one-way: the poller calls back
/// into this grain while it polls, so awaiting it here could deadlock two non-reentrant grains.
/// </summary>
public sealed class ClientFeedsGrain(
    [PersistentState("client-feeds", StorageNames.Main)] IPersistentState<ClientFeedsState> state,
    RealtimePublisher realtime) : Grain, IClientFeedsGrain
{
    private List<RssFeed> Feeds => state.State.Feeds;

    private List<RssFilter> Filters => state.State.Filters;

    /// <summary>A wake lost with a silo between a change and its send is made good the next time the grain activates.</summary>
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var feed in Feeds)
        {
            Wake(feed.Id);
        }
        return Task.CompletedTask;
    }

    public ValueTask<IReadOnlyList<RssFeed>> GetFeedsAsync() => ValueTask.FromResult<IReadOnlyList<RssFeed>>(Feeds.ToList());

    public ValueTask<RssFeed?> GetFeedAsync(int id) => ValueTask.FromResult(Feeds.FirstOrDefault(f => f.Id == id));

    public async ValueTask<int?> AddFeedAsync(RssFeedSpec spec)
    {
        if (Feeds.Count >= IClientFeedsGrain.MaxFeeds)
        {
            return null;
        }
        var id = state.State.NextFeedId++;
        Feeds.Add(new RssFeed(id, spec.Url, spec.Name, spec.IntervalMinutes, spec.Enabled, null, "", null, null, 0));
        await SaveAsync();
        Wake(id);
        return id;
    }

    public async ValueTask<bool> UpdateFeedAsync(int id, RssFeedSpec spec)
    {
        var index = Feeds.FindIndex(f => f.Id == id);
        if (index < 0)
        {
            return false;
        }
        var feed = Feeds[index] with { Name = spec.Name, IntervalMinutes = spec.IntervalMinutes, Enabled = spec.Enabled };
        if (feed.Url != spec.Url)
        {
            feed = feed with { Url = spec.Url, ETag = "", LastModified = null, LastPolled = null, Error = null };
        }
        Feeds[index] = feed;
        await SaveAsync();
        Wake(id);
        return true;
    }

    public async ValueTask<bool> RemoveFeedAsync(int id)
    {
        if (Feeds.RemoveAll(f => f.Id == id) == 0)
        {
            return false;
        }
        Filters.RemoveAll(f => f.FeedId == id);
        await SaveAsync();
        Wake(id);
        return true;
    }

    public ValueTask<IReadOnlyList<RssFilter>?> GetFiltersAsync(int feedId) =>
        ValueTask.FromResult<IReadOnlyList<RssFilter>?>(Feeds.Any(f => f.Id == feedId) ? Filters.Where(f => f.FeedId == feedId).ToList() : null);

    public async ValueTask<RssFilterWrite> AddFilterAsync(RssFilter filter)
    {
        ThrowIfInvalid(filter);
        if (!Feeds.Any(f => f.Id == filter.FeedId))
        {
            return new RssFilterWrite(RssWrite.FeedNotFound);
        }
        if (Filters.Count(f => f.FeedId == filter.FeedId) >= IClientFeedsGrain.MaxFiltersPerFeed)
        {
            return new RssFilterWrite(RssWrite.Full);
        }
        var id = state.State.NextFilterId++;
        Filters.Add(filter with { Id = id });
        await SaveFiltersOfAsync(filter.FeedId);
        return new RssFilterWrite(RssWrite.Done, id);
    }

    public async ValueTask<RssFilterWrite> UpdateFilterAsync(RssFilter filter)
    {
        ThrowIfInvalid(filter);
        var index = Filters.FindIndex(f => f.Id == filter.Id);
        if (index < 0)
        {
            return new RssFilterWrite(RssWrite.FilterNotFound);
        }
        if (!Feeds.Any(f => f.Id == filter.FeedId))
        {
            return new RssFilterWrite(RssWrite.FeedNotFound);
        }
        var before = Filters[index].FeedId;
        if (before != filter.FeedId && Filters.Count(f => f.FeedId == filter.FeedId) >= IClientFeedsGrain.MaxFiltersPerFeed)
        {
            return new RssFilterWrite(RssWrite.Full);
        }
        Filters[index] = filter;
        await SaveFiltersOfAsync(before, filter.FeedId);
        return new RssFilterWrite(RssWrite.Done, filter.Id);
    }

    public async ValueTask<bool> RemoveFilterAsync(int id)
    {
        if (Filters.FirstOrDefault(f => f.Id == id) is not { } filter)
        {
            return false;
        }
        Filters.Remove(filter);
        await SaveFiltersOfAsync(filter.FeedId);
        return true;
    }

    public async ValueTask RecordPollAsync(int feedId, string url, RssPoll poll)
    {
        var index = Feeds.FindIndex(f => f.Id == feedId);
        if (index < 0 || Feeds[index].Url != url)
        {
            return;
        }
        Feeds[index] = Feeds[index] with { LastPolled = poll.PolledAt, ETag = poll.ETag, LastModified = poll.LastModified, Error = poll.Error };
        await SaveAsync();
    }

    private static void ThrowIfInvalid(RssFilter filter)
    {
        if (filter.Problem() is { } problem)
        {
            throw new ArgumentException(problem, nameof(filter));
        }
    }

    /// <summary>A filter change moves its feeds' revision, so their pollers read the whole feed again with the new filters.</summary>
    private async Task SaveFiltersOfAsync(params int[] feedIds)
    {
        foreach (var feedId in feedIds.Distinct())
        {
            var index = Feeds.FindIndex(f => f.Id == feedId);
            Feeds[index] = Feeds[index] with { FiltersRevision = Feeds[index].FiltersRevision + 1 };
        }
        await SaveAsync();
        foreach (var feedId in feedIds.Distinct())
        {
            Wake(feedId);
        }
    }

    private void Wake(int feedId) => GrainFactory.GetGrain<IClientFeedPollerGrain>(feedId).WakeAsync().Ignore();

    private async Task SaveAsync()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // The change is in memory only: start again from what storage holds rather than serve it.
            DeactivateOnIdle();
            throw;
        }
        realtime.Publish(IClientFeedsGrain.ChangedEvent, RealtimeTopics.Settings, null, new
        {
            // The client face's FeedDTO and FilterDTO shapes, so a dashboard can use the event as it uses the lists.
            Feeds = Feeds.Select(f => new
            {
                f.Id,
                f.Url,
                f.Name,
                interval_min = f.IntervalMinutes,
                last_polled = f.LastPolled?.ToUnixTimeSeconds() ?? 0,
                etag = f.ETag,
                f.Enabled,
                f.Error,
            }),
            Filters = Filters.Select(f => new { f.Id, f.FeedId, regex = f.Pattern, f.CategoryId, f.SavePath, f.Enabled }),
        });
    }
}
