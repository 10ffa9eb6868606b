using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Swarmgrid.GrainInterfaces.Users;
using Swarmgrid.Hosting;
using Swarmgrid.Identity;

namespace Swarmgrid.WebFront.Faces.Registry;

/// <summary>
/// <c>GET /api/tracker/users/{user_id}</c>: a passkey user's tracker totals. Guarded by the registry key until the
/// identity work gives users their own sessions.
/// </summary>
public static class TrackerUsersApi
{
    public static IEndpointRouteBuilder MapTrackerUsersApi(this IEndpointRouteBuilder routes, string prefix)
    {
        routes.MapGet($"{prefix}/api/tracker/users/{{userId}}", GetTraffic)
            .AddEndpointFilter<TrackerRateLimitFilter>()
            .AddEndpointFilter<RegistryKey>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithTags("Tracker")
            .WithName("GetTrackerUserTraffic");
        return routes;
    }

    public static async Task<Ok<UserTrafficResponse>> GetTraffic(string userId, IGrainFactory grains)
    {
        var traffic = await grains.GetGrain<IUserGrain>(userId).GetTrackerTrafficAsync();
        return TypedResults.Ok(new UserTrafficResponse(traffic.UserId, traffic.Uploaded, traffic.Downloaded));
    }
}

public sealed record UserTrafficResponse(
    [property: JsonPropertyName("user_id")] string UserId,
    [property: JsonPropertyName("uploaded")] long Uploaded,
    [property: JsonPropertyName("downloaded")] long Downloaded);
