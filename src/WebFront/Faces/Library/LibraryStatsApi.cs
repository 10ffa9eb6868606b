using System.Diagnostics;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Prometheus;
using Swarmgrid.Data.Library;
using Swarmgrid.GrainInterfaces.Library;
using Swarmgrid.GrainInterfaces.Users;
using Swarmgrid.Identity;
using Swarmgrid.WebFront.Faces.Library.Posters;

namespace Swarmgrid.WebFront.Faces.Library;

/// <summary>
/// <c>GET /api/stats</c> and <c>GET /api/metrics</c> (Prometheus, the process's whole exposition plus the library's
/// gauges). Figures are measured: <c>indexerThroughput</c> is evidence recorded per second over the last minute,
/// <c>cacheHitRatio</c> the poster cache's, <c>dhtPeerCount</c> and <c>lastCrawlAt</c> come from DHT sightings (0 and
/// null while no crawler has reported), <c>uptimeSeconds</c> this process's.
/// </summary>
public static class LibraryStatsApi
{
    private static readonly Gauge Torrents = Metrics.CreateGauge("swarmgrid_library_torrents", "Torrents in the library, by content type.", "content_type");
    private static readonly Gauge Evidence = Metrics.CreateGauge("swarmgrid_library_evidence", "Evidence records in the library.");

    public static IEndpointRouteBuilder MapLibraryStatsApi(this IEndpointRouteBuilder routes, string prefix)
    {
        var group = routes.MapGroup(prefix).WithTags("Library").RequireRole(Role.Viewer);
        group.MapGet("/stats", Get).WithName("LibraryStats");
        group.MapGet("/metrics", WriteMetricsAsync).Produces<string>(StatusCodes.Status200OK, "text/plain").WithName("LibraryMetrics");
        return routes;
    }

    public static async Task<Ok<LibraryStatsResponse>> Get(LibraryStore library, PosterCache posters, TimeProvider clock, CancellationToken cancellationToken)
    {
        var totals = await library.TotalsAsync(cancellationToken);
        var lastMinute = await library.EvidenceSinceAsync(clock.GetUtcNow().AddMinutes(-1), cancellationToken);
        var releases = totals.ByContentType.Where(t => t.Key != ContentTypes.Other).Sum(t => t.Value);
        return TypedResults.Ok(new LibraryStatsResponse(totals.Torrents, releases, totals.Evidence, 0, Math.Round(lastMinute / 60.0, 3),
            Math.Round(posters.HitRatio, 4), (long)(DateTime.Now - Process.GetCurrentProcess().StartTime).TotalSeconds, totals.LastCrawlAt,
            totals.ByContentType));
    }

    public static async Task WriteMetricsAsync(HttpContext http, LibraryStore library)
    {
        var totals = await library.TotalsAsync(http.RequestAborted);
        foreach (var type in ContentTypes.All)
        {
            Torrents.WithLabels(type).Set(totals.ByContentType.GetValueOrDefault(type));
        }
        Evidence.Set(totals.Evidence);
        http.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
        await Metrics.DefaultRegistry.CollectAndExportAsTextAsync(http.Response.Body, http.RequestAborted);
    }
}

public sealed record LibraryStatsResponse(
    [property: JsonPropertyName("totalTorrents")] long TotalTorrents,
    [property: JsonPropertyName("totalReleases")] long TotalReleases,
    [property: JsonPropertyName("totalEvidence")] long TotalEvidence,
    [property: JsonPropertyName("dhtPeerCount")] int DhtPeerCount,
    [property: JsonPropertyName("indexerThroughput")] double IndexerThroughput,
    [property: JsonPropertyName("cacheHitRatio")] double CacheHitRatio,
    [property: JsonPropertyName("uptimeSeconds")] long UptimeSeconds,
    [property: JsonPropertyName("lastCrawlAt")] DateTimeOffset? LastCrawlAt,
    [property: JsonPropertyName("categoryBreakdown")] IReadOnlyDictionary<string, long> CategoryBreakdown);
