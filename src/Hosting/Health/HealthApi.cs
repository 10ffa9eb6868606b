using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Swarmgrid.Data;

namespace Swarmgrid.Hosting;

/// <summary><c>GET /health</c>, every process's own: the tracker seed's plain <c>OK</c>, or 503 when the database is unreachable.</summary>
public static class HealthApi
{
    public static readonly TimeSpan DatabaseTimeout = TimeSpan.FromSeconds(2);

    public static readonly string Version =
        Assembly.GetEntryAssembly()?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";

    public static IEndpointRouteBuilder MapTrackerHealth(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/health", TrackerHealth).WithTags("Health").WithName("TrackerHealth");
        return routes;
    }

    public static async Task<IResult> TrackerHealth(Database database, CancellationToken cancellationToken) =>
        await database.IsReachableAsync(DatabaseTimeout, cancellationToken)
            ? TypedResults.Text("OK", "text/plain")
            : TypedResults.Text("Database unreachable", "text/plain", statusCode: StatusCodes.Status503ServiceUnavailable);
}
