using System.Globalization;
using System.Security.Claims;
using System.Xml.Linq;
using Microsoft.AspNetCore.Http.HttpResults;
using Swarmgrid.Data.Library;
using Swarmgrid.Data.Registry;
using Swarmgrid.GrainInterfaces.Users;
using Swarmgrid.Identity;

namespace Swarmgrid.WebFront.Faces.Library.Torznab;

/// <summary>
/// <c>GET /api/torznab/api</c>: the library as a Torznab indexer for Prowlarr, Sonarr and Radarr (<c>t=caps</c>,
/// <c>search</c>, <c>tvsearch</c>, <c>movie</c>, <c>music</c>, <c>book</c>; <c>q</c>, <c>cat</c>, <c>season</c>, <c>ep</c>,
/// <c>limit</c>, <c>offset</c>), authenticated by an API key in <c>apikey</c> (or a bearer token). Errors are Newznab
/// error documents; seeders and peers are the tracker's live figures for the torrent's swarm.
/// </summary>
public static class TorznabApi
{
    public static IEndpointRouteBuilder MapTorznabApi(this IEndpointRouteBuilder routes, string prefix)
    {
        routes.MapGet($"{prefix}/torznab/api", Handle).AllowAnonymous().WithTags("Library")
            .Produces<string>(StatusCodes.Status200OK, "application/rss+xml").WithName("LibraryTorznab");
        return routes;
    }

    public static async Task<ContentHttpResult> Handle(
        HttpContext http, ClaimsPrincipal user, LibraryStore library, SwarmStatsStore swarms, CancellationToken cancellationToken)
    {
        if (user.Identity?.IsAuthenticated != true || CurrentUser.Role(user) < Role.Viewer)
        {
            return Xml(TorznabFeed.Error(100, "Incorrect user credentials"), StatusCodes.Status401Unauthorized);
        }
        var query = http.Request.Query;
        var function = query["t"].ToString();
        if (function == "caps")
        {
            return Xml(TorznabFeed.Caps());
        }
        if (function is not ("search" or "tvsearch" or "tv-search" or "movie" or "movie-search" or "music" or "book"))
        {
            return Xml(TorznabFeed.Error(string.IsNullOrEmpty(function) ? 200 : 202,
                string.IsNullOrEmpty(function) ? "Missing parameter (t)" : $"No such function ({function})"), StatusCodes.Status400BadRequest);
        }
        if (!TryInt(query["limit"], TorznabFeed.DefaultLimit, out var limit) || limit is < 1 or > TorznabFeed.MaxLimit
            || !TryInt(query["offset"], 0, out var offset) || offset < 0
            || !TryInt(query["season"], 0, out var season) || season < 0
            || !TryInt(query["ep"], 0, out var episode) || episode < 0)
        {
            return Xml(TorznabFeed.Error(201, "Incorrect parameter (limit 1-500, offset, season and ep non-negative integers)"), StatusCodes.Status400BadRequest);
        }
        if (!TryCategories(query["cat"].ToString(), out var types))
        {
            return Xml(TorznabFeed.Error(201, "Incorrect parameter (cat: comma-separated category ids)"), StatusCodes.Status400BadRequest);
        }
        types ??= function switch
        {
            "tvsearch" or "tv-search" => TorznabCategories.ContentTypesOf(5000).ToList(),
            "movie" or "movie-search" => TorznabCategories.ContentTypesOf(2000).ToList(),
            "music" => TorznabCategories.ContentTypesOf(3000).ToList(),
            "book" => TorznabCategories.ContentTypesOf(7000).ToList(),
            _ => null,
        };
        var words = query["q"].ToString();
        if (season > 0)
        {
            words += episode > 0 ? $" s{season:00}e{episode:00}" : $" s{season:00}";
        }
        var (items, total) = await library.SearchAsync(new LibrarySearch(words, null, limit, offset, types), cancellationToken);
        var figures = await swarms.GetManyAsync(items.Select(TorznabFeed.SwarmKey).ToList(), cancellationToken);
        var self = new Uri($"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{http.Request.Path}");
        return Xml(TorznabFeed.Results(self, items, total, offset, figures));
    }

    private static bool TryInt(string? text, int fallback, out int value)
    {
        value = fallback;
        return string.IsNullOrEmpty(text) || int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>The content types of the <c>cat</c> list; null when none was given; false when an id is not a number.</summary>
    private static bool TryCategories(string text, out List<string>? types)
    {
        types = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }
        var found = new HashSet<string>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                return false;
            }
            found.UnionWith(TorznabCategories.ContentTypesOf(id));
        }
        // Categories that name nothing the library holds find nothing, rather than everything.
        types = found.Count > 0 ? found.ToList() : ["none"];
        return true;
    }

    private static ContentHttpResult Xml(XDocument document, int status = StatusCodes.Status200OK) =>
        TypedResults.Text(document.Declaration + "\n" + document.ToString(SaveOptions.DisableFormatting), "application/xml", System.Text.Encoding.UTF8, status);
}
