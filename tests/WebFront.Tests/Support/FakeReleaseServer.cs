using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Swarmgrid.WebFront.Tests;

/// <summary>
/// A release feed and its assets on 127.0.0.1 (an ephemeral port): <c>/feed.json</c> answers <see cref="Feed"/> (404 while
/// it is null) and <c>/assets/{name}</c> the bytes put there.
/// </summary>
public sealed class FakeReleaseServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, byte[]> assets = new(StringComparer.Ordinal);

    private FakeReleaseServer(WebApplication app) => this.app = app;

    public string? Feed { get; set; }

    public Uri BaseAddress { get; private set; } = null!;

    public Uri FeedUrl => new(BaseAddress, "/feed.json");

    public int AssetRequests;

    public static async Task<FakeReleaseServer> StartAsync()
    {
        var server = new FakeReleaseServer(LoopbackApp.Create());
        server.app.MapGet("/feed.json", () => server.Feed is { } feed ? Results.Text(feed, "application/json") : Results.NotFound());
        server.app.MapGet("/assets/{name}", (string name) =>
        {
            Interlocked.Increment(ref server.AssetRequests);
            return server.assets.TryGetValue(name, out var bytes) ? Results.Bytes(bytes, "application/octet-stream") : Results.NotFound();
        });
        await server.app.StartAsync();
        server.BaseAddress = LoopbackApp.AddressOf(server.app);
        return server;
    }

    public void PutAsset(string name, byte[] bytes) => assets[name] = bytes;

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
