using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Swarmgrid.Grains.Tests.Rss;

/// <summary>An RSS 2.0 feed of magnet items, one per random info-hash, served on 127.0.0.1 (an ephemeral port), counting requests.</summary>
public sealed class LoopbackFeed : IAsyncDisposable
{
    private readonly WebApplication app;
    private int requests;

    private LoopbackFeed(WebApplication app, IReadOnlyList<string> hashes) => (this.app, Hashes) = (app, hashes);

    public IReadOnlyList<string> Hashes { get; }

    public string Url { get; private set; } = "";

    public int Requests => Volatile.Read(ref requests);

    public static async Task<LoopbackFeed> StartAsync(int items)
    {
        var hashes = Enumerable.Range(0, items).Select(_ => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20))).ToList();
        var rss = $"""
            <rss version="2.0"><channel><title>t</title><link>http://x.example/</link><description>d</description>
            {string.Concat(hashes.Select((h, i) => $"<item><title>Item {i}</title><guid>item-{h}</guid><link>magnet:?xt=urn:btih:{h}</link></item>"))}
            </channel></rss>
            """;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var feed = new LoopbackFeed(builder.Build(), hashes);
        feed.app.MapGet("/feed", () =>
        {
            Interlocked.Increment(ref feed.requests);
            return Results.Text(rss, "application/rss+xml");
        });
        await feed.app.StartAsync();
        feed.Url = feed.app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First() + "/feed";
        return feed;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
