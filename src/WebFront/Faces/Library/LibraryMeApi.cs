using System.Security.Claims;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Swarmgrid.GrainInterfaces.Users;
using Swarmgrid.Hosting;
using Swarmgrid.Identity;

namespace Swarmgrid.WebFront.Faces.Library;

/// <summary><c>GET /api/me</c> of the library seed: who is calling, and how they proved it.</summary>
public static class LibraryMeApi
{
    public static IEndpointRouteBuilder MapLibraryMeApi(this IEndpointRouteBuilder routes, string prefix)
    {
        routes.MapGet($"{prefix}/me", GetMe).RequireRole(Role.Viewer).WithTags("Library").WithName("LibraryMe");
        return routes;
    }

    public static Ok<MeResponse> GetMe(ClaimsPrincipal user) =>
        TypedResults.Ok(new MeResponse(CurrentUser.Id(user)!, CurrentUser.Method(user)!, CurrentUser.Name(user)));
}

public sealed record MeResponse(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("display")] string Display);
