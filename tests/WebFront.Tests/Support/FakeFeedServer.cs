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
/// RSS and Atom feeds on 127.0.0.1 (an ephemeral port): <c>/feeds/{name}</c> answers the document put there with its
/// ETag, or 304 when <c>If-None-Match</c> names that ETag, counting both; <c>/files/{name}</c> serves .torrent bytes;
/// <c>/redirect</c> sends the caller to the cloud metadata address.
/// </summary>
public sealed class FakeFeedServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, (string Body, string ContentType, string ETag)> feeds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte[]> files = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> answered = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> notModified = new(StringComparer.Ordinal);

    private FakeFeedServer(WebApplication app) => this.app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<FakeFeedServer> StartAsync()
    {
        var server = new FakeFeedServer(LoopbackApp.Create());
        server.app.MapGet("/feeds/{name}", (string name, HttpContext context) =>
        {
            if (!server.feeds.TryGetValue(name, out var feed))
            {
                return Results.NotFound();
            }
            if (context.Request.Headers.IfNoneMatch.ToString() == feed.ETag)
            {
                server.notModified.AddOrUpdate(name, 1, (_, n) => n + 1);
                context.Response.Headers.ETag = feed.ETag;
                return Results.StatusCode(StatusCodes.Status304NotModified);
            }
            server.answered.AddOrUpdate(name, 1, (_, n) => n + 1);
            context.Response.Headers.ETag = feed.ETag;
            return Results.Text(feed.Body, feed.ContentType);
        });
        server.app.MapGet("/files/{name}", (string name) =>
            server.files.TryGetValue(name, out var bytes) ? Results.Bytes(bytes, "application/x-bittorrent") : Results.NotFound());
        server.app.MapGet("/redirect", () => Results.Redirect("http://169.254.169.254/latest/meta-data/"));
        await server.app.StartAsync();
        server.BaseAddress = LoopbackApp.AddressOf(server.app);
        return server;
    }

    /// <summary>Serves <paramref name="body"/> at <c>/feeds/{name}</c> under a new ETag; its URL.</summary>
    public Uri PutFeed(string name, string body, string contentType = "application/rss+xml")
    {
        feeds[name] = (body, contentType, $"\"{Guid.NewGuid():N}\"");
        return new Uri(BaseAddress, "/feeds/" + name);
    }

    public string ETagOf(string name) => feeds[name].ETag;

    public Uri PutFile(string name, byte[] bytes)
    {
        files[name] = bytes;
        return new Uri(BaseAddress, "/files/" + name);
    }

    /// <summary>How many times the feed was sent whole, and how many times answered 304.</summary>
    public (int Answered, int NotModified) Counts(string name) => (answered.GetValueOrDefault(name), notModified.GetValueOrDefault(name));

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
