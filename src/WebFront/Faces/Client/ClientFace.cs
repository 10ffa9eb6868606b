using Swarmgrid.WebFront.Faces.Client.Updater;

namespace Swarmgrid.WebFront.Faces.Client;

/// <summary>The client face (Mosaic): its login, logout, web-interface settings, torrents, settings, schedule and updater.</summary>
public static class ClientFace
{
    public static IServiceCollection AddClientFace(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(UpdaterOptions.From(configuration));
        services.AddSingleton<ClientUpdater>();
        return services;
    }

    public static WebApplication MapClientFace(this WebApplication app, string prefix)
    {
        app.MapClientAuthApi(prefix);
        app.MapClientTorrentsApi(prefix);
        app.MapClientSettingsApi(prefix);
        app.MapClientScheduleApi(prefix);
        app.MapClientUpdaterApi(prefix);
        return app;
    }
}
