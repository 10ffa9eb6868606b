namespace Swarmgrid.WebFront.Faces.Qbittorrent;

/// <summary>
/// The qBittorrent WebUI API v2 face (for Sonarr, Radarr, Lidarr, Prowlarr and remotes such as VueTorrent): an adapter
/// over the client's torrent grains, catalog and settings. Off unless <c>Faces:Qbittorrent:Enabled</c> is true; mounted
/// at <c>Faces:Qbittorrent:Prefix</c> (default <c>/api/v2</c>).
/// </summary>
public static class QbittorrentFace
{
    public const string DefaultPrefix = "/api/v2";

    /// <summary>The face's mount, or null when it is off (the default).</summary>
    public static string? Prefix(IConfiguration configuration)
    {
        var section = configuration.GetSection("Faces:Qbittorrent");
        if (!bool.TryParse(section["Enabled"], out var enabled) || !enabled)
        {
            return null;
        }
        var prefix = (section["Prefix"] ?? DefaultPrefix).Trim('/');
        return prefix.Length == 0 ? "" : "/" + prefix;
    }

    public static IServiceCollection AddQbittorrentFace(this IServiceCollection services)
    {
        services.AddSingleton<QbtSyncSnapshots>();
        services.AddSingleton<QbtTorrentViews>();
        return services;
    }

    public static WebApplication MapQbittorrentFace(this WebApplication app, string prefix)
    {
        app.MapQbtAuthApi(prefix);
        app.MapQbtAppApi(prefix);
        app.MapQbtTorrentsApi(prefix);
        app.MapQbtTorrentActionsApi(prefix);
        app.MapQbtAddApi(prefix);
        app.MapQbtCatalogApi(prefix);
        app.MapQbtSyncApi(prefix);
        return app;
    }

    /// <summary>The face's routes: its CSRF check on every one, and its own sign-in check and role on all but login.</summary>
    internal static RouteGroupBuilder Group(IEndpointRouteBuilder routes, string prefix, string path) =>
        routes.MapGroup(prefix + path).WithTags("qBittorrent").AddEndpointFilter<QbtCsrfFilter>();
}
