using Swarmgrid.Hosting;

namespace Swarmgrid.Identity;

/// <summary>How a request proved who it is; the library face reports it from <c>GET /api/me</c>.</summary>
public static class AuthMethod
{
    public const string ClaimType = "auth_method";
    public const string SessionIdClaim = "session_id";

    /// <summary>The login (refresh-token family) an access token belongs to.</summary>
    public const string LoginIdClaim = "login_id";
    public const string Session = "session";
    public const string ApiKey = "api_key";
    public const string Jwt = "jwt";
}
