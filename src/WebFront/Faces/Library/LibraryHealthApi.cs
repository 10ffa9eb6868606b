using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Swarmgrid.Hosting;
using Swarmgrid.Identity;

namespace Swarmgrid.WebFront.Faces.Library;

/// <summary><c>GET /healthz</c> of the library seed.</summary>
public static class LibraryHealthApi
{
    public static IEndpointRouteBuilder MapLibraryHealth(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/healthz", LibraryHealth).WithTags("Health").WithName("LibraryHealth");
        return routes;
    }

    public static Ok<LibraryHealthResponse> LibraryHealth(TimeProvider clock) =>
        TypedResults.Ok(new LibraryHealthResponse("ok", IsoTime.Format(clock.GetUtcNow())));
}

public sealed record LibraryHealthResponse(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("ts")] string Ts);
