using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Swarmgrid.WebFront.Tests;

/// <summary>
/// TMDB's <c>/3/movie/{id}</c> and <c>/3/tv/{id}</c> on 127.0.0.1: id 550 and tv 1399 have posters, 500 answers 500,
/// 777 answers after 10 s, others 404 as TMDB does. Every request needs <see cref="ApiKey"/>; requests are counted.
/// </summary>
public sealed class FakeTmdbServer : IAsyncDisposable
{
    public const string ApiKey = "fake-tmdb-key-0123456789";

    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, int> requests = new(StringComparer.Ordinal);

    private FakeTmdbServer(WebApplication app) => this.app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public int RequestsFor(string mediaType, string id) => requests.GetValueOrDefault($"{mediaType}/{id}");

    public static async Task<FakeTmdbServer> StartAsync()
    {
        var app = LoopbackApp.Create();
        var server = new FakeTmdbServer(app);
        app.MapGet("/3/{mediaType}/{id}", async (string mediaType, string id, HttpContext context) =>
        {
            server.requests.AddOrUpdate($"{mediaType}/{id}", 1, (_, n) => n + 1);
            if (context.Request.Query["api_key"] != ApiKey)
            {
                return Results.Json(new { status_code = 7, status_message = "Invalid API key" }, statusCode: 401);
            }
            switch ((mediaType, id))
            {
                case ("movie", "550"):
                    return Results.Json(new { id = 550, title = "Fight Club", poster_path = "/pB8BM7pdSp6B6Ih7QZ4DrQ3PmJK.jpg" });
                case ("tv", "1399"):
                    return Results.Json(new { id = 1399, name = "Game of Thrones", poster_path = "/1XS1oqL89opfnbLl8WnZY1O1uJx.jpg" });
                case (_, "500"):
                    return Results.Json(new { status_message = "Internal error" }, statusCode: 500);
                case (_, "777"):
                    await Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted);
                    return Results.Json(new { poster_path = "/late.jpg" });
                default:
                    return Results.Json(new { success = false, status_code = 34, status_message = "The resource you requested could not be found." }, statusCode: 404);
            }
        });
        await app.StartAsync();
        server.BaseAddress = new Uri(LoopbackApp.AddressOf(app), "/3/");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
