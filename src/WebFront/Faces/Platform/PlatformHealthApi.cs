using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Swarmgrid.Data;
using Swarmgrid.Hosting;
using Swarmgrid.Identity;

namespace Swarmgrid.WebFront.Faces.Platform;

/// <summary><c>GET {prefix}/health</c> of the platform seed: status, service name and version.</summary>
public static class PlatformHealthApi
{
    public static IEndpointRouteBuilder MapPlatformHealth(this IEndpointRouteBuilder routes, string prefix)
    {
        routes.MapGet($"{prefix}/health", PlatformHealth).WithTags("Health").WithName("PlatformHealth");
        return routes;
    }

    public static async Task<Results<Ok<PlatformHealthResponse>, JsonHttpResult<PlatformHealthResponse>>> PlatformHealth(
        Database database, CancellationToken cancellationToken)
    {
        var reachable = await database.IsReachableAsync(HealthApi.DatabaseTimeout, cancellationToken);
        var body = new PlatformHealthResponse(reachable ? "healthy" : "unhealthy", "swarmgrid", HealthApi.Version,
            reachable ? "ok" : "unreachable");
        return reachable ? TypedResults.Ok(body) : TypedResults.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}

public sealed record PlatformHealthResponse(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("service")] string Service,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("database")] string Database);
