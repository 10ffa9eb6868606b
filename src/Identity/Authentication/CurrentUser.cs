using System.Security.Claims;
using Swarmgrid.GrainInterfaces.Users;
using Swarmgrid.Hosting;

namespace Swarmgrid.Identity;

/// <summary>Reads the authenticated user off a request's principal.</summary>
public static class CurrentUser
{
    public static string? Id(ClaimsPrincipal user) => user.FindFirst(ClaimTypes.NameIdentifier)?.Value;

    public static string Name(ClaimsPrincipal user) => user.Identity?.Name ?? "anonymous";

    public static Role Role(ClaimsPrincipal user) =>
        Roles.TryParse(user.FindFirst(ClaimTypes.Role)?.Value, out var role) ? role : 0;

    public static string? Method(ClaimsPrincipal user) => user.FindFirst(AuthMethod.ClaimType)?.Value;

    public static string? SessionId(ClaimsPrincipal user) => user.FindFirst(AuthMethod.SessionIdClaim)?.Value;

    public static string? LoginId(ClaimsPrincipal user) => user.FindFirst(AuthMethod.LoginIdClaim)?.Value;

    public static bool ByCookie(ClaimsPrincipal user) => Method(user) == AuthMethod.Session;
}
