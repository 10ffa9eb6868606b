using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using System.IO.Compression;
using Swarmgrid.Hosting.Network.Outbound;

namespace Swarmgrid.Hosting.Tests.Outbound;

public sealed class OutboundFetcherTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private readonly OutboundFetcher fetcher = new(new OutboundOptions(AllowLoopback: true));
    private readonly OutboundFetcher strict = new(new OutboundOptions(AllowLoopback: false));
    private LocalServer server = null!;

    public async Task InitializeAsync() => server = await LocalServer.StartAsync(app =>
    {
        app.MapGet("/list", (HttpContext context) =>
        {
            if (context.Request.Headers.IfNoneMatch == "\"v1\"")
            {
                return Results.StatusCode(StatusCodes.Status304NotModified);
            }
            context.Response.Headers.ETag = "\"v1\"";
            return Results.Text("a:1.2.3.4-1.2.3.5\n");
        });
        app.MapGet("/big", () => Results.Bytes(new byte[10_000]));
        app.MapGet("/bomb", (HttpContext context) =>
        {
            context.Response.Headers.ContentEncoding = "gzip";
            return Results.Bytes(Gzip(new byte[1_000_000]), "application/octet-stream");
        });
        app.MapGet("/gzip", (HttpContext context) =>
        {
            context.Response.Headers.ContentEncoding = "gzip";
            return Results.Bytes(Gzip("hello"u8.ToArray()), "text/plain");
        });
        app.MapGet("/slow", async (CancellationToken token) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), token);
            return Results.Ok();
        });
        app.MapGet("/broken", () => Results.StatusCode(500));
        app.MapGet("/to-metadata", () => Results.Redirect("http://169.254.169.254/latest/meta-data/"));
        app.MapGet("/to-private", () => Results.Redirect("http://10.0.0.7/list"));
        app.MapGet("/to-file", () => Results.Redirect("file:///etc/passwd"));
        app.MapGet("/to-list", () => Results.Redirect("/list"));
        app.MapGet("/loop", () => Results.Redirect("/loop"));
    });

    public async Task DisposeAsync()
    {
        fetcher.Dispose();
        strict.Dispose();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task A_body_is_fetched_and_the_next_conditional_fetch_is_not_modified()
    {
        var first = await fetcher.GetAsync(new OutboundRequest(server.Url("/list"), 1024, Timeout));
        Assert.False(first.NotModified);
        Assert.Equal("a:1.2.3.4-1.2.3.5\n", System.Text.Encoding.UTF8.GetString(first.Body));
        Assert.Equal("\"v1\"", first.ETag);

        var second = await fetcher.GetAsync(new OutboundRequest(server.Url("/list"), 1024, Timeout, first.ETag));
        Assert.True(second.NotModified);
        Assert.Empty(second.Body);
    }

    [Fact]
    public async Task Loopback_is_refused_without_the_test_switch() =>
        await Assert.ThrowsAsync<OutboundRefusedException>(() => strict.GetAsync(new OutboundRequest(server.Url("/list"), 1024, Timeout)));

    [Theory]
    [InlineData("/to-metadata")]
    [InlineData("/to-private")]
    [InlineData("/to-file")]
    public async Task Redirects_to_refused_targets_are_refused(string path)
    {
        var refused = await Assert.ThrowsAsync<OutboundRefusedException>(() => fetcher.GetAsync(new OutboundRequest(server.Url(path), 1024, Timeout)));
        Assert.Contains("redirected", refused.Message);
    }

    [Fact]
    public async Task Redirects_to_allowed_targets_are_followed_a_bounded_number_of_times()
    {
        var followed = await fetcher.GetAsync(new OutboundRequest(server.Url("/to-list"), 1024, Timeout));
        Assert.Equal("/list", followed.FinalUrl.AbsolutePath);
        await Assert.ThrowsAsync<OutboundFailedException>(() => fetcher.GetAsync(new OutboundRequest(server.Url("/loop"), 1024, Timeout)));
    }

    [Fact]
    public async Task Bodies_over_the_cap_fail_even_when_they_are_compressed()
    {
        await Assert.ThrowsAsync<OutboundFailedException>(() => fetcher.GetAsync(new OutboundRequest(server.Url("/big"), 1000, Timeout)));
        await Assert.ThrowsAsync<OutboundFailedException>(() => fetcher.GetAsync(new OutboundRequest(server.Url("/bomb"), 100_000, Timeout)));
        var small = await fetcher.GetAsync(new OutboundRequest(server.Url("/gzip"), 100, Timeout));
        Assert.Equal("hello"u8.ToArray(), small.Body);
    }

    [Fact]
    public async Task Slow_and_failing_upstreams_fail_with_a_reason()
    {
        var slow = await Assert.ThrowsAsync<OutboundFailedException>(() =>
            fetcher.GetAsync(new OutboundRequest(server.Url("/slow"), 1000, TimeSpan.FromMilliseconds(300))));
        Assert.Contains("did not finish", slow.Message);
        var broken = await Assert.ThrowsAsync<OutboundFailedException>(() => fetcher.GetAsync(new OutboundRequest(server.Url("/broken"), 1000, Timeout)));
        Assert.Contains("500", broken.Message);
    }

    [Fact]
    public async Task A_closed_port_fails_with_a_reason()
    {
        var closed = new Uri($"http://127.0.0.1:{FreePort()}/");
        await Assert.ThrowsAsync<OutboundFailedException>(() => fetcher.GetAsync(new OutboundRequest(closed, 1000, Timeout)));
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(data);
        }
        return output.ToArray();
    }
}
