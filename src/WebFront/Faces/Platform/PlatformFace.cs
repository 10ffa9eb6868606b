namespace Swarmgrid.WebFront.Faces.Platform;

/// <summary>The platform face (agent platform and fleet share it): health, auth, MFA, users, security.</summary>
public static class PlatformFace
{
    public static WebApplication MapPlatformFace(this WebApplication app, string prefix)
    {
        app.MapPlatformHealth(prefix);
        app.MapPlatformAuthApi(prefix);
        app.MapMfaApi(prefix);
        app.MapUsersApi(prefix);
        app.MapSecurityApi(prefix);
        return app;
    }
}
