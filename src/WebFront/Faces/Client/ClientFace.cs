namespace Swarmgrid.WebFront.Faces.Client;

/// <summary>The client face (Mosaic): its login, logout, web-interface settings, torrents, settings and schedule.</summary>
public static class ClientFace
{
    public static WebApplication MapClientFace(this WebApplication app, string prefix)
    {
        app.MapClientAuthApi(prefix);
        app.MapClientTorrentsApi(prefix);
        app.MapClientSettingsApi(prefix);
        app.MapClientScheduleApi(prefix);
        return app;
    }
}
