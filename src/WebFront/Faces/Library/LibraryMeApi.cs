using System.Text.Json.Serialization;
using Swarmgrid.GrainInterfaces.Users;
using Swarmgrid.Hosting;
using Swarmgrid.Identity;

namespace Swarmgrid.WebFront.Faces.Library;

/// <summary><c>GET /api/me</c> of the library seed: who is calling, and how they proved it.</summary>
public static class LibraryMeApi
{
    public static IEndpointRouteBuilder MapLibraryMeApi(this IEndpointRouteBuilder routes, string prefix)
    {
        routes.MapGet($"{prefix}/me", (HttpContext context) => TypedResults.Ok(new MeResponse(
                CurrentUser.Id(context.User)!, CurrentUser.Method(context.User)!, CurrentUser.Name(context.User))))
            .RequireRole(Role.Viewer).WithTags("Library").WithName("LibraryMe");
        return routes;
    }
}

public sealed record MeResponse(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("display")] string Display);
