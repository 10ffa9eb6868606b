using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Swarmgrid.Data.Library;
using Swarmgrid.GrainInterfaces.Users;
using Swarmgrid.Hosting;
using Swarmgrid.Identity;

namespace Swarmgrid.WebFront.Faces.Library;

/// <summary>The library's torrents (search, detail) and its evidence feed.</summary>
public static class LibraryTorrentsApi
{
    public static IEndpointRouteBuilder MapLibraryTorrentsApi(this IEndpointRouteBuilder routes, string prefix)
    {
        var group = routes.MapGroup(prefix).WithTags("Library").RequireRole(Role.Viewer);
        group.MapGet("/torrents", Search).Validate<LibrarySearchQuery>().WithName("LibrarySearchTorrents");
        group.MapGet("/torrents/{info_hash}", Get).ProducesProblem(StatusCodes.Status404NotFound).WithName("LibraryGetTorrent");
        group.MapGet("/evidence", ListEvidence).Validate<EvidencePageQuery>().WithName("LibraryListEvidence");
        return routes;
    }

    public static async Task<Ok<LibraryTorrentList>> Search([AsParameters] LibrarySearchQuery query, LibraryStore library, CancellationToken cancellationToken)
    {
        var (items, total) = await library.SearchAsync(
            new LibrarySearch(query.Q, string.IsNullOrEmpty(query.ContentType) ? null : query.ContentType, query.Limit ?? 50, query.Offset ?? 0), cancellationToken);
        return TypedResults.Ok(new LibraryTorrentList(total, items.Select(LibraryTorrentSummary.From).ToList()));
    }

    public static async Task<Results<Ok<LibraryTorrentDetail>, ProblemHttpResult>> Get(
        [FromRoute(Name = "info_hash")] string infoHash, LibraryStore library, CancellationToken cancellationToken)
    {
        var key = infoHash.ToLowerInvariant();
        if (key.Length is not (40 or 64) || !key.All(char.IsAsciiHexDigit))
        {
            return ApiProblem.NotFound($"no torrent with info_hash '{infoHash}' (an info-hash is 40 or 64 hex digits)");
        }
        if (await library.GetAsync(key, cancellationToken) is not { } found)
        {
            return ApiProblem.NotFound($"no torrent with info_hash '{key}'");
        }
        var evidence = await library.EvidenceOfAsync(found.Item.InfoHash, cancellationToken);
        return TypedResults.Ok(LibraryTorrentDetail.From(found.Item, found.Files, evidence));
    }

    public static async Task<Ok<LibraryEvidenceList>> ListEvidence([AsParameters] EvidencePageQuery query, LibraryStore library, CancellationToken cancellationToken)
    {
        var records = await library.ListEvidenceAsync(query.Limit ?? 50, query.Offset ?? 0, cancellationToken);
        return TypedResults.Ok(new LibraryEvidenceList(records.Select(LibraryEvidenceResponse.From).ToList()));
    }
}
