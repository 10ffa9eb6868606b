using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
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
        var hashes = Enumerable.Range(0, 3).Select(_ => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20))).ToList();
        var rss = $"""
            <rss version="2.0"><channel><title>t</title><link>http://x.example/</link><description>d</description>
            {string.Concat(hashes.Select((h, i) => $"<item><title>Item {i}</title><guid>item-{h}</guid><link>magnet:?xt=urn:btih:{h}</link></item>"))}
            </channel></rss>
            """;
        var requests = 0;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        await using var server = builder.Build();
        server.MapGet("/feed", () =>
        {
            Interlocked.Increment(ref requests);
            return Results.Text(rss, "application/rss+xml");
        });
        await server.StartAsync();
        var url = server.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First() + "/feed";

        var grains = fixture.Cluster.GrainFactory;
        var feeds = grains.GetGrain<IClientFeedsGrain>(0);
        // Disabled: only the polls below run, none on a schedule.
        var feedId = (await feeds.AddFeedAsync(new RssFeedSpec(url, "cluster", 0, Enabled: false)))!.Value;
        try
        {
            var filter = await feeds.AddFilterAsync(new RssFilter(0, feedId, "^Item", null, "", true));
            var poller = grains.GetGrain<IClientFeedPollerGrain>(feedId);

            var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => poller.PollNowAsync().AsTask()));
            await grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
            await feeds.UpdateFilterAsync(new RssFilter(filter.Id, feedId, "Item", null, "", true));
            var afterReactivation = await poller.PollNowAsync();

            Assert.All(results, r => Assert.Null(r.Error));
            Assert.Equal(hashes.Order(), results.SelectMany(r => r.Added).Order());
            Assert.Empty(afterReactivation.Added);
            Assert.Equal(3, afterReactivation.Items);
            Assert.True(requests >= 9, $"requests: {requests}");
            foreach (var hash in hashes)
            {
                Assert.NotNull(await grains.GetGrain<ITorrentGrain>(hash).GetStatusAsync());
            }
        }
        finally
        {
            await feeds.RemoveFeedAsync(feedId);
            foreach (var hash in hashes)
            {
                await grains.GetGrain<ITorrentGrain>(hash).RemoveAsync(false);
            }
        }
    }
}
