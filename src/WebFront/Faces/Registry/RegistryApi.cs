using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Swarmgrid.Data.Registry;
using Swarmgrid.GrainInterfaces.Registry;
using Swarmgrid.GrainInterfaces.Tracker;
using Swarmgrid.Hosting;
using Swarmgrid.Identity;
using Swarmgrid.GrainInterfaces.Users;

namespace Swarmgrid.WebFront.Faces.Registry;

/// <summary>
/// The registry routes of the tracker seed (Weightless), plus <c>POST /api/registry/torrent</c> to store a .torrent and
/// <c>PUT /api/registry/verified</c>, where an admin sets the entry's <c>verified</c> mark (which the seed shows but gives no
/// route for).
/// </summary>
public static class RegistryApi
{
    public static IEndpointRouteBuilder MapRegistryApi(this IEndpointRouteBuilder routes, string prefix)
    {
        var group = routes.MapGroup($"{prefix}/api/registry").WithTags("Registry").AddEndpointFilter<TrackerRateLimitFilter>()
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapGet("", GetEntry).Validate<InfoHashQuery>().ProducesProblem(StatusCodes.Status404NotFound).WithName("GetRegistryEntry");
        group.MapGet("/search", Search).Validate<RegistrySearchQuery>().WithName("SearchRegistry");
        group.MapGet("/torrent", GetTorrent).Validate<InfoHashQuery>()
            .Produces(StatusCodes.Status200OK, typeof(Stream), "application/x-bittorrent")
            .ProducesProblem(StatusCodes.Status404NotFound).WithName("GetRegistryTorrent");
        group.MapGet("/meta", GetMeta).Validate<InfoHashQuery>()
            .Produces<TorrentMetaResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status404NotFound).WithName("GetRegistryMeta");
        group.MapPost("", Upsert).AddEndpointFilter<RegistryKey>().AcceptsJsonUpTo(RegistryUpsertRequest.MaxBodyBytes)
            .Validate<RegistryUpsertRequest>().ProducesProblem(StatusCodes.Status401Unauthorized).WithName("UpsertRegistryEntry");
        group.MapDelete("", Delete).AddEndpointFilter<RegistryKey>().Validate<InfoHashQuery>()
            .ProducesProblem(StatusCodes.Status401Unauthorized).WithName("DeleteRegistryEntry");
        group.MapPut("/verified", SetVerified).RequireRole(Role.Admin).AddEndpointFilter<CsrfFilter>().AcceptsJsonUpTo()
            .Validate<InfoHashQuery>().Validate<RegistryVerifiedRequest>()
            .ProducesProblem(StatusCodes.Status404NotFound).WithName("SetRegistryVerified");
        group.MapPost("/torrent", UploadTorrent).AddEndpointFilter<RegistryKey>()
            .Accepts<TorrentUploadForm>("multipart/form-data")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).WithName("UploadRegistryTorrent");
        return routes;
    }

    public static async Task<Results<Ok<RegistryEntryResponse>, ProblemHttpResult>> GetEntry(
        [AsParameters] InfoHashQuery query, RegistryStore store, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(query.Hash, cancellationToken) is not { } entry)
        {
            return ApiProblem.NotFound($"no registry entry for {query.Hash}");
        }
        if (entry.SwarmKey is { } swarm)
        {
            var live = await grains.GetGrain<ISwarmGrain>(swarm).ScrapeAsync();
            (entry.Seeders, entry.Leechers, entry.Completions) = (live.Complete, live.Incomplete, live.Downloaded);
        }
        return TypedResults.Ok(RegistryEntryResponse.From(entry));
    }

    public static async Task<Ok<List<RegistryEntryResponse>>> Search(
        [AsParameters] RegistrySearchQuery query, HttpResponse response, RegistryStore store, CancellationToken cancellationToken)
    {
        var (items, total) = await store.SearchAsync(query.ToSearch(), cancellationToken);
        response.Headers["X-Total-Count"] = total.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Ok(items.Select(RegistryEntryResponse.From).ToList());
    }

    public static async Task<Created<RegistryStatusResponse>> Upsert(RegistryUpsertRequest request, IGrainFactory grains)
    {
        await grains.GetGrain<IRegistryGrain>(request.Hash).UpsertAsync(request.ToInput());
        return TypedResults.Created($"/api/registry?info_hash={request.Hash}", new RegistryStatusResponse("created"));
    }

    public static async Task<Results<Ok<RegistryStatusResponse>, ProblemHttpResult>> SetVerified(
        [AsParameters] InfoHashQuery query, RegistryVerifiedRequest request, IGrainFactory grains) =>
        await grains.GetGrain<IRegistryGrain>(query.Hash).SetVerifiedAsync(request.Verified!.Value)
            ? TypedResults.Ok(new RegistryStatusResponse(request.Verified.Value ? "verified" : "unverified"))
            : ApiProblem.NotFound($"no registry entry for {query.Hash}");

    public static async Task<Ok<RegistryStatusResponse>> Delete([AsParameters] InfoHashQuery query, string? reason, IGrainFactory grains)
    {
        await grains.GetGrain<IRegistryGrain>(query.Hash).DeleteAsync(reason);
        return TypedResults.Ok(new RegistryStatusResponse("deleted"));
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetTorrent(
        [AsParameters] InfoHashQuery query, RegistryStore store, CancellationToken cancellationToken) =>
        await store.GetTorrentAsync(query.Hash, cancellationToken) is { } bytes
            ? TypedResults.File(bytes, "application/x-bittorrent", $"{query.Hash}.torrent")
            : ApiProblem.NotFound($"no torrent file stored for {query.Hash}");

    /// <summary>The stored JSON as it was written at upload (a <see cref="TorrentMetaResponse"/>), served as is.</summary>
    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetMeta(
        [AsParameters] InfoHashQuery query, RegistryStore store, CancellationToken cancellationToken) =>
        await store.GetMetaAsync(query.Hash, cancellationToken) is { } meta
            ? TypedResults.Content(meta, "application/json")
            : ApiProblem.NotFound($"no torrent data stored for {query.Hash}");

    public static async Task<Results<Created<TorrentUploadResponse>, ProblemHttpResult>> UploadTorrent(
        HttpRequest request, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return ApiProblem.BadRequest("send the .torrent as multipart/form-data in a field named 'torrent'");
        }
        if (request.ContentLength > TorrentUpload.MaxTorrentBytes + 64 * 1024)
        {
            return ApiProblem.TooLarge($"a .torrent may be at most {TorrentUpload.MaxTorrentBytes} bytes");
        }
        var form = await request.ReadFormAsync(cancellationToken);
        var file = form.Files.GetFile("torrent") ?? form.Files.FirstOrDefault();
        if (file is null || file.Length == 0)
        {
            return ApiProblem.BadRequest("no .torrent file in the form (field 'torrent')");
        }
        if (file.Length > TorrentUpload.MaxTorrentBytes)
        {
            return ApiProblem.TooLarge($"a .torrent may be at most {TorrentUpload.MaxTorrentBytes} bytes");
        }
        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, cancellationToken);
        if (!TorrentUpload.TryParse(buffer.ToArray(), form, out var infoHash, out var input, out var error))
        {
            return ApiProblem.BadRequest(error);
        }
        await grains.GetGrain<IRegistryGrain>(infoHash).UpsertAsync(input);
        return TypedResults.Created($"/api/registry?info_hash={infoHash}", new TorrentUploadResponse("created", infoHash, input.V1InfoHash));
    }
}
