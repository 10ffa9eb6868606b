using Swarmgrid.Hosting.Network.Outbound;
using Swarmgrid.WebFront.Faces.Client.Updater;

namespace Swarmgrid.WebFront.Faces.Client;

/// <summary>
/// The client face (Mosaic): its login, logout, web-interface settings, torrents, catalog, inspector, socket, settings,
/// schedule and updater.
/// </summary>
public static class ClientFace
{
    /// <summary>The torrent views the face's lists and socket read (built on the realtime feed's caches) and the updater.</summary>
    public static IServiceCollection AddClientFace(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<ClientTorrentViews>();
        services.AddSingleton<ClientInspector>();
        services.AddHostedService(sp => sp.GetRequiredService<ClientInspector>());
        services.AddSingleton<ClientSocketAdapter>();
        services.AddSingleton(UpdaterOptions.From(configuration));
        services.AddSingleton<ClientUpdater>();
        services.AddOutboundFetcher(configuration);
        services.AddSingleton(BlocklistOptions.From(configuration));
        services.AddSingleton<ClientBlocklist>();
        return services;
    }

    public static WebApplication MapClientFace(this WebApplication app, string prefix)
    {
        app.MapClientAuthApi(prefix);
        app.MapClientTorrentsApi(prefix);
        app.MapClientCatalogApi(prefix);
        app.MapClientSettingsApi(prefix);
        app.MapClientScheduleApi(prefix);
        app.MapClientUpdaterApi(prefix);
        app.MapClientFeedsApi(prefix);
        app.MapClientBlocklistApi(prefix);
        return app;
    }
}
