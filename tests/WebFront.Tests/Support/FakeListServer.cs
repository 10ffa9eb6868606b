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
/// Files on 127.0.0.1 (an ephemeral port) for the fetches a user's URL makes: <c>/{name}</c> answers the bytes put
/// under that name, the status set for it, or a redirect; 404 otherwise.
/// </summary>
public sealed class FakeListServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, IResult> answers = new(StringComparer.Ordinal);

    private FakeListServer(WebApplication app) => this.app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<FakeListServer> StartAsync()
    {
        var server = new FakeListServer(LoopbackApp.Create());
        server.app.MapGet("/{name}", (string name) => server.answers.TryGetValue(name, out var answer) ? answer : Results.NotFound());
        await server.app.StartAsync();
        server.BaseAddress = LoopbackApp.AddressOf(server.app);
        return server;
    }

    public string Url(string name) => new Uri(BaseAddress, "/" + name).AbsoluteUri;

    public string Put(string name, byte[] bytes)
    {
        answers[name] = Results.Bytes(bytes, "application/octet-stream");
        return Url(name);
    }

    public string Put(string name, string text) => Put(name, System.Text.Encoding.UTF8.GetBytes(text));

    public string Fail(string name, int status)
    {
        answers[name] = Results.StatusCode(status);
        return Url(name);
    }

    public string Redirect(string name, string location)
    {
        answers[name] = Results.Redirect(location);
        return Url(name);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
