using System.Security.Claims;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Swarmgrid.GrainInterfaces.Library;
using Swarmgrid.GrainInterfaces.Users;
using Swarmgrid.Hosting;
using Swarmgrid.Identity;

namespace Swarmgrid.WebFront.Faces.Library;

/// <summary><c>POST /api/seed-demo</c>: demo data for presentations (admins only: it fills the shared library); calling it again adds nothing.</summary>
public static class SeedDemoApi
{
    public static IEndpointRouteBuilder MapSeedDemoApi(this IEndpointRouteBuilder routes, string prefix)
    {
        routes.MapPost($"{prefix}/seed-demo", Seed).WithTags("Library").RequireRole(Role.Admin).AddEndpointFilter<CsrfFilter>().WithName("LibrarySeedDemo");
        return routes;
    }

    public static async Task<Ok<SeedDemoResponse>> Seed(ClaimsPrincipal user, IGrainFactory grains)
    {
        var counts = await grains.GetGrain<ILibraryIndexerGrain>(0).SeedDemoAsync(CurrentUser.Id(user)!);
        return TypedResults.Ok(new SeedDemoResponse(true, new SeedDemoCounts(counts.Torrents, counts.Evidence, counts.Wants, counts.Notifications)));
    }
}

public sealed record SeedDemoResponse(
    [property: JsonPropertyName("seeded")] bool Seeded,
    [property: JsonPropertyName("counts")] SeedDemoCounts Counts);

public sealed record SeedDemoCounts(
    [property: JsonPropertyName("torrents")] int Torrents,
    [property: JsonPropertyName("evidence")] int Evidence,
    [property: JsonPropertyName("wants")] int Wants,
    [property: JsonPropertyName("notifications")] int Notifications);
