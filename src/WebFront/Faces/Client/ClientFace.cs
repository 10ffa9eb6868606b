namespace Swarmgrid.WebFront.Faces.Client;

/// <summary>The client face (Mosaic): its login, logout, web-interface settings, torrents, catalog, inspector and socket.</summary>
public static class ClientFace
{
    /// <summary>The torrent views the face's lists and socket read (built on the realtime feed's caches).</summary>
    public static IServiceCollection AddClientTorrentViews(this IServiceCollection services)
    {
        services.AddSingleton<ClientTorrentViews>();
        services.AddSingleton<ClientInspector>();
        services.AddHostedService(sp => sp.GetRequiredService<ClientInspector>());
        services.AddSingleton<ClientSocketAdapter>();
        return services;
    }

    public static WebApplication MapClientFace(this WebApplication app, string prefix)
    {
        app.UseClientBodyLimits();
        app.MapClientAuthApi(prefix);
        app.MapClientTorrentsApi(prefix);
        app.MapClientCatalogApi(prefix);
        return app;
    }
}
