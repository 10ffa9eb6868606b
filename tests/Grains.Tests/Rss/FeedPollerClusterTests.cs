using Swarmgrid.GrainInterfaces.Client;
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
}
