using Orleans.TestingHost;
using Swarmgrid.GrainInterfaces.Client;
using Swarmgrid.GrainInterfaces.Torrents;

namespace Swarmgrid.Grains.Tests.Rss;

/// <summary>An enabled feed is polled as soon as it has a filter, and what it added stays added once across a cluster restart.</summary>
public sealed class FeedPollerRestartTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Items_added_before_a_cluster_restart_are_not_added_again_after_it()
    {
        await using var server = await LoopbackFeed.StartAsync(2);
        var serviceId = "rss-restart-" + Guid.NewGuid().ToString("N");
        var dataDirectory = Path.Combine(Path.GetTempPath(), "swarmgrid-rss-restart", serviceId);
        int feedId;
        int filterId;

        var first = await TestClusters.StartOnSqliteAsync(dataDirectory, serviceId);
        await using (first)
        {
            var feeds = first.GrainFactory.GetGrain<IClientFeedsGrain>(0);
            feedId = (await feeds.AddFeedAsync(new RssFeedSpec(server.Url, "restart", 0, Enabled: true)))!.Value;
            filterId = (await feeds.AddFilterAsync(new RssFilter(0, feedId, "", null, "", true))).Id;
            foreach (var hash in server.Hashes)
            {
                await WaitForTorrentAsync(first, hash);
            }
            await first.StopAllSilosAsync();
        }

        var second = await TestClusters.StartOnSqliteAsync(dataDirectory, serviceId);
        await using (second)
        {
            var feeds = second.GrainFactory.GetGrain<IClientFeedsGrain>(0);
            var requestsBefore = server.Requests;
            await feeds.UpdateFilterAsync(new RssFilter(filterId, feedId, "Item", null, "", true));
            var poll = await second.GrainFactory.GetGrain<IClientFeedPollerGrain>(feedId).PollNowAsync();
            var feed = await feeds.GetFeedAsync(feedId);
            await second.StopAllSilosAsync();

            Assert.Null(poll.Error);
            Assert.Equal(2, poll.Items);
            Assert.Empty(poll.Added);
            Assert.True(server.Requests > requestsBefore);
            Assert.NotNull(feed!.LastPolled);
        }
    }

    private static async Task WaitForTorrentAsync(TestCluster cluster, string hash)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (await cluster.GrainFactory.GetGrain<ITorrentGrain>(hash).GetStatusAsync() is null)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the feed's item {hash} was not added within {Patience.TotalSeconds} s");
            await Task.Delay(250);
        }
    }
}
