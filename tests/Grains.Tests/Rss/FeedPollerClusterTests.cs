using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Swarmgrid.GrainInterfaces.Client;
using Swarmgrid.GrainInterfaces.Realtime;
using Swarmgrid.GrainInterfaces.Torrents;

namespace Swarmgrid.Grains.Tests.Rss;

/// <summary>
/// A feed's poller on the shared two-silo cluster: polls asked for at once from the client (whose calls go through
/// both silos' gateways) meet one activation, so each item is added once; after the poller is collected and comes back
/// from storage, re-reading the feed adds nothing again.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class FeedPollerClusterTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Concurrent_polls_across_the_cluster_add_each_item_once_and_a_reactivated_poller_remembers_them()
    {
        await using var server = await LoopbackFeed.StartAsync(3);
        var grains = fixture.Cluster.GrainFactory;
        var feeds = grains.GetGrain<IClientFeedsGrain>(0);
        // Disabled: only the polls below run, none on a schedule.
        var feedId = (await feeds.AddFeedAsync(new RssFeedSpec(server.Url, "cluster", 0, Enabled: false)))!.Value;
        try
        {
            var filter = await feeds.AddFilterAsync(new RssFilter(0, feedId, "^Item", null, "", true));
            var poller = grains.GetGrain<IClientFeedPollerGrain>(feedId);

            var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => poller.PollNowAsync().AsTask()));
            await grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
            // A filter change makes the next poll judge every item again.
            await feeds.UpdateFilterAsync(new RssFilter(filter.Id, feedId, "Item", null, "", true));
            var afterReactivation = await poller.PollNowAsync();

            Assert.All(results, r => Assert.Null(r.Error));
            Assert.Equal(server.Hashes.Order(), results.SelectMany(r => r.Added).Order());
            Assert.Empty(afterReactivation.Added);
            Assert.Equal(3, afterReactivation.Items);
            Assert.True(server.Requests >= 9, $"requests: {server.Requests}");
            foreach (var hash in server.Hashes)
            {
                Assert.NotNull(await grains.GetGrain<ITorrentGrain>(hash).GetStatusAsync());
            }
        }
        finally
        {
            await feeds.RemoveFeedAsync(feedId);
            foreach (var hash in server.Hashes)
            {
                await grains.GetGrain<ITorrentGrain>(hash).RemoveAsync(false);
            }
        }
    }

    [Fact]
    public async Task Every_change_is_announced_on_the_realtime_feed_in_the_client_face_s_shapes()
    {
        var grains = fixture.Cluster.GrainFactory;
        var events = new Collector();
        var observer = grains.CreateObjectReference<IRealtimeObserver>(events);
        var realtime = grains.GetGrain<IRealtimeFeedGrain>(0);
        await realtime.SubscribeAsync(observer);
        var url = $"https://feeds.example.com/{Guid.NewGuid():N}";
        var feeds = grains.GetGrain<IClientFeedsGrain>(0);
        var feedId = (await feeds.AddFeedAsync(new RssFeedSpec(url, "announced", 30, Enabled: false)))!.Value;
        try
        {
            var filter = await feeds.AddFilterAsync(new RssFilter(0, feedId, "x", null, "/srv/x", true));
            var announced = await events.WaitForAsync(e => e.Type == IClientFeedsGrain.ChangedEvent && e.Topic == RealtimeTopics.Settings
                && JsonNode.Parse(e.Data)!["filters"]!.AsArray().Any(f => (int)f!["id"]! == filter.Id), TimeSpan.FromSeconds(15));
            var data = JsonNode.Parse(announced.Data)!;

            Assert.Equal($$"""{"id":{{feedId}},"url":"{{url}}","name":"announced","interval_min":30,"last_polled":0,"etag":"","enabled":false,"error":null}""",
                data["feeds"]!.AsArray().Single(f => (int)f!["id"]! == feedId)!.ToJsonString());
            Assert.Equal($$"""{"id":{{filter.Id}},"feed_id":{{feedId}},"regex":"x","category_id":null,"save_path":"/srv/x","enabled":true}""",
                data["filters"]!.AsArray().Single(f => (int)f!["id"]! == filter.Id)!.ToJsonString());
        }
        finally
        {
            await realtime.UnsubscribeAsync(observer);
            await feeds.RemoveFeedAsync(feedId);
        }
    }

    private sealed class Collector : IRealtimeObserver
    {
        private readonly ConcurrentQueue<RealtimeEvent> received = new();

        public Task OnEventsAsync(IReadOnlyList<RealtimeEvent> events)
        {
            foreach (var e in events)
            {
                received.Enqueue(e);
            }
            return Task.CompletedTask;
        }

        public async Task<RealtimeEvent> WaitForAsync(Func<RealtimeEvent, bool> match, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (true)
            {
                if (received.FirstOrDefault(match) is { } found)
                {
                    return found;
                }
                Assert.True(DateTime.UtcNow < deadline, $"no matching event within {timeout.TotalSeconds} s; received: {string.Join(", ", received.Select(e => e.Type))}");
                await Task.Delay(100);
            }
        }
    }
}
