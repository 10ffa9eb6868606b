using System.Reflection;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Swarmgrid.Data;
using Swarmgrid.WebFront.Api;

namespace Swarmgrid.WebFront.Health;

/// <summary>The three health routes the seeds define, each in its own seed's shape.</summary>
public static class HealthApi
{
    private static readonly TimeSpan DatabaseTimeout = TimeSpan.FromSeconds(2);

    public static readonly string Version =
        typeof(HealthApi).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";

    /// <summary><c>GET /health</c> of the tracker seed: plain <c>OK</c>, or 503 when the database is unreachable.</summary>
    public static IEndpointRouteBuilder MapTrackerHealth(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/health", TrackerHealth).WithTags("Health").WithName("TrackerHealth");
        return routes;
    }

    /// <summary><c>GET {prefix}/health</c> of the platform seed: status, service name and version.</summary>
    public static IEndpointRouteBuilder MapPlatformHealth(this IEndpointRouteBuilder routes, string prefix)
    {
        routes.MapGet($"{prefix}/health", PlatformHealth).WithTags("Health").WithName("PlatformHealth");
        return routes;
    }

    /// <summary><c>GET /healthz</c> of the library seed.</summary>
    public static IEndpointRouteBuilder MapLibraryHealth(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/healthz", LibraryHealth).WithTags("Health").WithName("LibraryHealth");
        return routes;
    }

    public static async Task<IResult> TrackerHealth(Database database, CancellationToken cancellationToken) =>
        await database.IsReachableAsync(DatabaseTimeout, cancellationToken)
            ? TypedResults.Text("OK", "text/plain")
            : TypedResults.Text("Database unreachable", "text/plain", statusCode: StatusCodes.Status503ServiceUnavailable);

    public static async Task<Results<Ok<PlatformHealthResponse>, JsonHttpResult<PlatformHealthResponse>>> PlatformHealth(
        Database database, CancellationToken cancellationToken)
    {
        var reachable = await database.IsReachableAsync(DatabaseTimeout, cancellationToken);
        var body = new PlatformHealthResponse(reachable ? "healthy" : "unhealthy", "swarmgrid", Version,
            reachable ? "ok" : "unreachable");
        return reachable ? TypedResults.Ok(body) : TypedResults.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    public static Ok<LibraryHealthResponse> LibraryHealth(TimeProvider clock) =>
        TypedResults.Ok(new LibraryHealthResponse("ok", IsoTime.Format(clock.GetUtcNow())));
}

public sealed record PlatformHealthResponse(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("service")] string Service,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("database")] string Database);

public sealed record LibraryHealthResponse(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("ts")] string Ts);
