using Prometheus;
using System.Buffers;
using Swarmgrid.BitTorrent.Tracker;
using Swarmgrid.BitTorrent.Tracker.Http;
using Swarmgrid.GrainInterfaces.Tracker;
using Swarmgrid.Hosting;

namespace Swarmgrid.Silo.Tracker;

/// <summary>
/// The HTTP tracker: <c>/announce</c>, <c>/announce/</c>, <c>/announce/{passkey}</c> and <c>/scrape</c>. Every refusal
/// is a bencoded <c>failure reason</c> with status 200, as clients expect; a rate-limited scrape gets 429.
/// </summary>
public static class HttpTrackerApi
{
    private const int MaxScrapeHashes = 100;

    public static IEndpointRouteBuilder MapHttpTrackerApi(this IEndpointRouteBuilder routes, string prefix)
    {
        // Routing matches "/announce/" to "/announce" as well: trailing slashes are ignored.
        var group = routes.MapGroup(prefix).WithTags("Tracker");
        group.MapGet("/announce", (HttpContext context, TrackerServices services) => AnnounceAsync(context, null, services))
            .WithName("Announce").WithSummary("BEP 3 announce; bencoded answer");
        group.MapGet("/announce/{passkey}", (HttpContext context, string passkey, TrackerServices services) => AnnounceAsync(context, passkey, services))
            .WithName("AnnounceWithPasskey").WithSummary("Announce with a signed passkey {user_id}.{signature}");
        group.MapGet("/scrape", ScrapeAsync).WithName("Scrape").WithSummary("BEP 48 scrape; bencoded answer");
        return routes;
    }

    public static async Task AnnounceAsync(HttpContext context, string? passkey, TrackerServices services)
    {
        using var timer = TrackerMetrics.HttpAnnounceDuration.NewTimer();
        var output = new ArrayBufferWriter<byte>(512);
        var client = context.Connection.RemoteIpAddress;
        if (client is null)
        {
            HttpFailureResponse.Write(output, "cannot tell the client's address");
        }
        else if (!services.RateLimiter.TryAcquire(client))
        {
            HttpFailureResponse.Write(output, TrackerRateLimiter.AnnounceFailure);
        }
        else if (services.Passkeys.Verify(passkey, out var passkeyFailure) is var userId && passkeyFailure is not null)
        {
            HttpFailureResponse.Write(output, passkeyFailure);
        }
        else
        {
            await AnswerAnnounceAsync(context, client, userId, services.Handler, output);
        }
        await WriteAsync(context, output, StatusCodes.Status200OK);
    }

    private static async Task AnswerAnnounceAsync(HttpContext context, System.Net.IPAddress client, string? userId,
        AnnounceHandler handler, ArrayBufferWriter<byte> output)
    {
        var parsed = HttpAnnounceRequestParser.Parse(context.Request.QueryString.Value.AsSpan(), handler.Options.DefaultNumWant,
            handler.Options.MaxNumWant);
        if (!parsed.IsSuccess)
        {
            HttpFailureResponse.Write(output, parsed.FailureReason);
            return;
        }

        var request = parsed.Request;
        var peers = await handler.AnnounceAsync(request.InfoHash, request.PeerId, client, request.Port, request.Uploaded,
            request.Downloaded, request.Left, request.Event, request.NumWant, !request.Compact && !request.NoPeerId, userId);
        if (peers.Failure is { } failure)
        {
            HttpFailureResponse.Write(output, failure);
            return;
        }

        var fields = new HttpAnnounceResponseFields(handler.IntervalSeconds, peers.Complete, peers.Incomplete, handler.MinIntervalSeconds);
        if (request.Compact)
        {
            HttpAnnounceResponseWriter.WriteCompact(output, fields, peers.Peers4, peers.Peers6);
        }
        else
        {
            HttpAnnounceResponseWriter.WriteDictionary(output, fields, TrackerPeers.From(peers), !request.NoPeerId);
        }
    }

    public static async Task ScrapeAsync(HttpContext context, TrackerServices services)
    {
        var client = context.Connection.RemoteIpAddress;
        if (client is not null && !services.RateLimiter.TryAcquire(client))
        {
            context.Response.Headers.RetryAfter = "1";
            await WriteAsync(context, Failure(TrackerRateLimiter.AnnounceFailure), StatusCodes.Status429TooManyRequests);
            return;
        }

        var hashes = new TrackerHash[MaxScrapeHashes];
        var failure = HttpScrapeRequestParser.Parse(context.Request.QueryString.Value.AsSpan(), hashes, out var count);
        if (failure is null && count == 0)
        {
            failure = "full scrape is not supported: pass one or more info_hash";
        }
        if (failure is not null)
        {
            await WriteAsync(context, Failure(failure), StatusCodes.Status200OK);
            return;
        }

        SwarmCounts[] counts;
        try
        {
            counts = await Task.WhenAll(hashes.Take(count).Select(hash => services.Handler.ScrapeAsync(hash).AsTask()));
        }
        catch (Exception ex) when (ClusterFaults.IsTransient(ex))
        {
            await WriteAsync(context, Failure(AnnounceHandler.Unavailable), StatusCodes.Status200OK);
            return;
        }
        var files = hashes.Take(count).Zip(counts)
            .Where(pair => !pair.Second.Blocked)
            .DistinctBy(pair => pair.First)
            .Select(pair => new ScrapeEntry(pair.First, pair.Second.Complete, pair.Second.Downloaded, pair.Second.Incomplete))
            .ToArray();
        var output = new ArrayBufferWriter<byte>(64 + files.Length * 64);
        HttpScrapeResponseWriter.Write(output, files, services.Handler.MinIntervalSeconds);
        await WriteAsync(context, output, StatusCodes.Status200OK);
    }

    private static ArrayBufferWriter<byte> Failure(string reason)
    {
        var output = new ArrayBufferWriter<byte>(64);
        HttpFailureResponse.Write(output, reason);
        return output;
    }

    private static async Task WriteAsync(HttpContext context, ArrayBufferWriter<byte> output, int status)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain";
        context.Response.ContentLength = output.WrittenCount;
        await context.Response.Body.WriteAsync(output.WrittenMemory);
    }
}
