using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Swarmgrid.Data.Registry;
using Swarmgrid.GrainInterfaces.Registry;
using Swarmgrid.GrainInterfaces.Tracker;
using Swarmgrid.Hosting;
using Swarmgrid.Identity;

namespace Swarmgrid.WebFront.Faces.Registry;

/// <summary>The registry routes of the tracker seed (Weightless), plus <c>POST /api/registry/torrent</c> to store a .torrent.</summary>
public static class RegistryApi
{
    private const int MaxBodyBytes = 1024 * 1024;

    public static IEndpointRouteBuilder MapRegistryApi(this IEndpointRouteBuilder routes, string prefix)
    {
        var group = routes.MapGroup($"{prefix}/api/registry").WithTags("Registry").AddEndpointFilter<TrackerRateLimitFilter>();
        group.MapGet("", GetEntry).WithName("GetRegistryEntry");
        group.MapGet("/search", Search).WithName("SearchRegistry");
        group.MapGet("/torrent", GetTorrent).WithName("GetRegistryTorrent");
        group.MapGet("/meta", GetMeta).WithName("GetRegistryMeta");
        group.MapPost("", Upsert).AddEndpointFilter<RegistryKey>().WithName("UpsertRegistryEntry");
        group.MapDelete("", Delete).AddEndpointFilter<RegistryKey>().WithName("DeleteRegistryEntry");
        group.MapPost("/torrent", UploadTorrent).AddEndpointFilter<RegistryKey>().WithName("UploadRegistryTorrent");
        return routes;
    }

    public static async Task<Results<Ok<RegistryEntryResponse>, ProblemHttpResult>> GetEntry(
        string? info_hash, RegistryStore store, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (!RegistryHash.TryNormalize(info_hash, out var hash, out var error))
        {
            return ApiProblem.BadRequest(error!);
        }
        if (await store.GetAsync(hash, cancellationToken) is not { } entry)
        {
            return ApiProblem.NotFound($"no registry entry for {hash}");
        }
        if (entry.SwarmKey is { } swarm)
        {
            var live = await grains.GetGrain<ISwarmGrain>(swarm).ScrapeAsync();
            (entry.Seeders, entry.Leechers, entry.Completions) = (live.Complete, live.Incomplete, live.Downloaded);
        }
        return TypedResults.Ok(RegistryEntryResponse.From(entry));
    }

    public static async Task<Results<Ok<List<RegistryEntryResponse>>, ProblemHttpResult>> Search(
        HttpContext context, RegistryStore store, CancellationToken cancellationToken)
    {
        var query = context.Request.Query;
        if (!TryReadSort(query["sort"], out var sort)
            || !TryReadInt(query["limit"], 50, out var limit) || !TryReadInt(query["offset"], 0, out var offset))
        {
            return ApiProblem.BadRequest("sort must be created_at, completions or seeders; limit and offset non-negative integers");
        }
        var (items, total) = await store.SearchAsync(new RegistrySearch(
            query["q"], query["category"], query["publisher"], query["tags"], sort, Math.Clamp(limit, 1, 100), offset), cancellationToken);
        context.Response.Headers["X-Total-Count"] = total.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Ok(items.Select(RegistryEntryResponse.From).ToList());
    }

    public static async Task<Results<Created<RegistryStatusResponse>, ProblemHttpResult>> Upsert(
        HttpRequest request, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var (document, problem) = await JsonBody.ReadAsync(request, cancellationToken, MaxBodyBytes);
        if (problem is not null)
        {
            return problem;
        }
        using (document)
        {
            if (!RegistryUpsertRequest.TryRead(document!.RootElement, out var entry, out var error))
            {
                return ApiProblem.BadRequest(error);
            }
            await grains.GetGrain<IRegistryGrain>(entry.InfoHash).UpsertAsync(new RegistryEntryInput(
                entry.Name, entry.Description, entry.Publisher, entry.License, entry.Size, entry.Category, entry.Tags, entry.V1InfoHash));
            return TypedResults.Created($"/api/registry?info_hash={entry.InfoHash}", new RegistryStatusResponse("created"));
        }
    }

    public static async Task<Results<Ok<RegistryStatusResponse>, ProblemHttpResult>> Delete(
        string? info_hash, string? reason, IGrainFactory grains)
    {
        if (!RegistryHash.TryNormalize(info_hash, out var hash, out var error))
        {
            return ApiProblem.BadRequest(error!);
        }
        await grains.GetGrain<IRegistryGrain>(hash).DeleteAsync(reason);
        return TypedResults.Ok(new RegistryStatusResponse("deleted"));
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetTorrent(
        string? info_hash, RegistryStore store, CancellationToken cancellationToken)
    {
        if (!RegistryHash.TryNormalize(info_hash, out var hash, out var error))
        {
            return ApiProblem.BadRequest(error!);
        }
        return await store.GetTorrentAsync(hash, cancellationToken) is { } bytes
            ? TypedResults.File(bytes, "application/x-bittorrent", $"{hash}.torrent")
            : ApiProblem.NotFound($"no torrent file stored for {hash}");
    }

    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetMeta(
        string? info_hash, RegistryStore store, CancellationToken cancellationToken)
    {
        if (!RegistryHash.TryNormalize(info_hash, out var hash, out var error))
        {
            return ApiProblem.BadRequest(error!);
        }
        return await store.GetMetaAsync(hash, cancellationToken) is { } meta
            ? TypedResults.Content(meta, "application/json")
            : ApiProblem.NotFound($"no torrent data stored for {hash}");
    }

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

    private static bool TryReadSort(string? text, out RegistrySort sort)
    {
        sort = text switch
        {
            null or "" or "created_at" => RegistrySort.CreatedAt,
            "completions" => RegistrySort.Completions,
            "seeders" => RegistrySort.Seeders,
            _ => (RegistrySort)(-1),
        };
        return Enum.IsDefined(sort);
    }

    private static bool TryReadInt(string? text, int fallback, out int value)
    {
        value = fallback;
        return string.IsNullOrEmpty(text) || (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= 0);
    }
}

public sealed record TorrentUploadResponse(
    [property: System.Text.Json.Serialization.JsonPropertyName("status")] string Status,
    [property: System.Text.Json.Serialization.JsonPropertyName("info_hash")] string InfoHash,
    [property: System.Text.Json.Serialization.JsonPropertyName("v1_info_hash")] string? V1InfoHash);
