namespace Swarmgrid.WebFront.Faces.Registry;

/// <summary>The tracker face's REST part (the Weightless registry); announce and scrape are served by the silos.</summary>
public static class RegistryFace
{
    public static WebApplication MapRegistryFace(this WebApplication app, string prefix)
    {
        app.MapRegistryApi(prefix);
        app.MapTrackerUsersApi(prefix);
        RegistryKey.WarnWhenOpen(app);
        return app;
    }
}
