using Swarmgrid.WebFront.Faces.Library.GraphQl;
using Swarmgrid.WebFront.Faces.Library.Posters;
using Swarmgrid.WebFront.Faces.Library.Torznab;

namespace Swarmgrid.WebFront.Faces.Library;

/// <summary>The library face (BitAgent): <c>/healthz</c> at the root, the rest under its prefix.</summary>
public static class LibraryFace
{
    public static WebApplication MapLibraryFace(this WebApplication app, string prefix)
    {
        app.MapLibraryHealth();
        app.MapLibraryMeApi(prefix);
        app.MapSettingsApi(prefix);
        app.MapLibraryTorrentsApi(prefix);
        app.MapWantsApi(prefix);
        app.MapNotificationsApi(prefix);
        app.MapSeedDemoApi(prefix);
        app.MapGraphQlApi(prefix);
        app.MapTorznabApi(prefix);
        app.MapPosterApi(prefix);
        app.MapLibraryStatsApi(prefix);
        return app;
    }
}
