using Microsoft.AspNetCore.Http.HttpResults;
using Swarmgrid.BitTorrent.Magnet;
using Swarmgrid.BitTorrent.Metainfo;
using Swarmgrid.GrainInterfaces.Client;
using Swarmgrid.GrainInterfaces.Torrents;
using Swarmgrid.GrainInterfaces.Users;
using Swarmgrid.Hosting;
using Swarmgrid.Identity;
using Swarmgrid.Realtime;

namespace Swarmgrid.WebFront.Faces.Client;

/// <summary>
/// The client face's torrents, stats, inspector and socket: each torrent is a torrent grain keyed by its info-hash,
/// running on some silo's engine; lists and stats come from this process's feed-fed cache. Reads need a viewer, changes
/// an operator; state changes pass the OriginGuard.
/// </summary>
public static class ClientTorrentsApi
{
    /// <summary>The seed's cap on a <c>.torrent</c> upload (the whole multipart body).</summary>
    public const int MaxTorrentUpload = 10 << 20;

    /// <summary>The cap on every other JSON body of these routes.</summary>
    public const int MaxJsonBody = 64 << 10;

    public static IEndpointRouteBuilder MapClientTorrentsApi(this IEndpointRouteBuilder routes, string prefix)
    {
        var client = routes.MapGroup(prefix).WithTags("Client").AddEndpointFilter<OriginGuardFilter>();
        var read = client.MapGroup("").RequireRole(Role.Viewer);
        var write = client.MapGroup("").RequireRole(Role.Operator);

        read.MapGet("/torrents", List).WithName("ClientListTorrents");
        write.MapPost("/torrents/magnet", AddMagnet).Validate<AddMagnetRequest>().AcceptsJsonUpTo(MaxJsonBody).WithName("ClientAddMagnet");
        write.MapPost("/torrents/file", AddFile).WithMetadata(new JsonBodyLimit(MaxTorrentUpload)).Accepts<TorrentFileUpload>("multipart/form-data")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType).WithName("ClientAddTorrentFile").DisableAntiforgery();
        write.MapPost("/torrents/{id}/pause", Pause).WithName("ClientPauseTorrent");
        write.MapPost("/torrents/{id}/resume", Resume).WithName("ClientResumeTorrent");
        write.MapPost("/torrents/{id}/recheck", Recheck).WithName("ClientRecheckTorrent");
        write.MapDelete("/torrents/{id}", Remove).AcceptsJsonUpTo(MaxJsonBody).WithName("ClientRemoveTorrent");
        write.MapPost("/torrents/category", SetCategory).Validate<TorrentCategoryRequest>().AcceptsJsonUpTo(MaxJsonBody).WithName("ClientSetTorrentCategory");
        write.MapPost("/torrents/file_priorities", SetFilePriorities).Validate<FilePrioritiesRequest>().AcceptsJsonUpTo(MaxJsonBody)
            .WithName("ClientSetFilePriorities");
        write.MapPost("/torrents/queue_position", SetQueuePosition).Validate<QueuePositionRequest>().AcceptsJsonUpTo(MaxJsonBody).WithName("ClientSetQueuePosition");
        write.MapPost("/torrents/force_start", ForceStart).Validate<ForceStartRequest>().AcceptsJsonUpTo(MaxJsonBody).WithName("ClientForceStart");

        read.MapGet("/stats", Stats).WithName("ClientStats");
        // Focus changes what the caller's own socket shows, not the torrents: a viewer may inspect.
        read.MapPost("/inspector/focus", Focus).Validate<InspectorFocusRequest>().AcceptsJsonUpTo(MaxJsonBody).WithName("ClientInspectorFocus");
        read.MapPost("/inspector/clear", ClearFocus).WithName("ClientInspectorClear");
        read.MapEventSocket<ClientSocketAdapter>("/ws").AddEndpointFilter(OriginPinnedToHost).WithName("ClientSocket");
        return routes;
    }

    /// <summary>Every torrent, newest first by <c>added_at</c>, ties by id.</summary>
    public static async Task<Ok<IReadOnlyList<TorrentDto>>> List(ClientTorrentViews views, CancellationToken cancellationToken) =>
        TypedResults.Ok(await views.ListAsync(cancellationToken));

    /// <summary>
    /// Adds a torrent by magnet link; the link is kept by the grain, so the torrent comes back after a restart. A torrent
    /// already present is answered 200 with its id, changing nothing (see <see cref="AddAsync"/>).
    /// </summary>
    public static async Task<Results<Ok<AddedTorrentResponse>, ProblemHttpResult>> AddMagnet(AddMagnetRequest request, IGrainFactory grains,
        TorrentStatusCache cache)
    {
        var magnet = MagnetLink.Parse(request.Magnet!);
        return await AddAsync(grains, cache, TorrentKey(magnet.InfoHashes), new TorrentSource(null, request.Magnet, Blank(request.SavePath)));
    }

    /// <summary>Adds a torrent from an uploaded <c>.torrent</c> (multipart field <c>file</c>, optional <c>save_path</c>).</summary>
    public static async Task<Results<Ok<AddedTorrentResponse>, ProblemHttpResult>> AddFile(HttpRequest request, IGrainFactory grains,
        TorrentStatusCache cache, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType || !request.ContentType!.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return ApiProblem.UnsupportedMediaType("send the .torrent as multipart/form-data with the field file");
        }
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return ApiProblem.TooLarge($"the upload exceeds {MaxTorrentUpload} bytes");
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException)
        {
            return ApiProblem.BadRequest($"the multipart body could not be read: {ex.Message}");
        }
        if (form.Files.GetFile("file") is not { } file)
        {
            return ApiProblem.BadRequest("file is required: the .torrent as the multipart field file");
        }
        var savePath = form["save_path"].ToString();
        if (ClientRules.SavePathProblem(savePath) is { } problem)
        {
            return ApiProblem.BadRequest(problem);
        }
        var bytes = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(bytes, cancellationToken);
        }
        Torrent torrent;
        try
        {
            torrent = Torrent.Load(bytes);
        }
        catch (TorrentFormatException ex)
        {
            return ApiProblem.BadRequest($"not a valid .torrent: {ex.Message}");
        }
        return await AddAsync(grains, cache, TorrentKey(torrent.InfoHashes), new TorrentSource(bytes, null, Blank(savePath)));
    }

    /// <summary>
    /// Adding a torrent that is already present answers 200 with its id and changes nothing (not 409): the seed
    /// documents only 200 and 400 for adds, Mosaic's own engine hands back the torrent it already has, and an idempotent
    /// add lets a client retry an add whose answer it lost.
    /// </summary>
    private static async Task<Results<Ok<AddedTorrentResponse>, ProblemHttpResult>> AddAsync(IGrainFactory grains, TorrentStatusCache cache, string key,
        TorrentSource source)
    {
        try
        {
            cache.Put(key, await grains.GetGrain<ITorrentGrain>(key).AddAsync(source));
        }
        catch (ArgumentException ex)
        {
            return ApiProblem.BadRequest(ex.Message);
        }
        return TypedResults.Ok(new AddedTorrentResponse(key));
    }

    public static Task<Results<Ok<OkResponse>, ProblemHttpResult>> Pause(string id, IGrainFactory grains, TorrentStatusCache cache) =>
        OnTorrentAsync(id, grains, cache, torrent => torrent.PauseAsync());

    public static Task<Results<Ok<OkResponse>, ProblemHttpResult>> Resume(string id, IGrainFactory grains, TorrentStatusCache cache) =>
        OnTorrentAsync(id, grains, cache, torrent => torrent.ResumeAsync());

    public static Task<Results<Ok<OkResponse>, ProblemHttpResult>> Recheck(string id, IGrainFactory grains, TorrentStatusCache cache) =>
        OnTorrentAsync(id, grains, cache, torrent => torrent.RecheckAsync());

    /// <summary>Removes a torrent; <c>?delete=1</c> (or <c>true</c>) also deletes its files.</summary>
    public static async Task<Results<Ok<OkResponse>, ProblemHttpResult>> Remove(string id, string? delete, IGrainFactory grains, TorrentStatusCache cache)
    {
        bool? wipe = delete switch
        {
            null or "" or "0" or "false" => false,
            "1" or "true" => true,
            _ => null,
        };
        if (wipe is null)
        {
            return ApiProblem.BadRequest("delete must be 1 or 0");
        }
        if (!ClientRules.TryInfoHash(id, out var key))
        {
            return ApiProblem.BadRequest("id must be a 40- or 64-character hex info-hash");
        }
        var torrent = grains.GetGrain<ITorrentGrain>(key);
        if (await torrent.GetStatusAsync() is null)
        {
            return TorrentNotFound();
        }
        await torrent.RemoveAsync(wipe.Value);
        cache.Put(key, null);
        return TypedResults.Ok(OkResponse.Yes);
    }

    /// <summary>Files a torrent under a category; <c>category_id: null</c> clears it.</summary>
    public static async Task<Results<Ok<OkResponse>, ProblemHttpResult>> SetCategory(TorrentCategoryRequest request, IGrainFactory grains,
        TorrentStatusCache cache)
    {
        if (request.CategoryId is { } categoryId && await grains.GetGrain<IClientCatalogGrain>(0).GetCategoryAsync(categoryId) is null)
        {
            return ApiProblem.NotFound("category not found");
        }
        return await OnTorrentAsync(request.InfoHash!, grains, cache, torrent => torrent.SetCategoryAsync(request.CategoryId));
    }

    /// <summary>Sets the named files' priorities (<c>skip</c>, <c>normal</c>, <c>high</c>, <c>max</c>; any other string is normal).</summary>
    public static async Task<Results<Ok<OkResponse>, ProblemHttpResult>> SetFilePriorities(FilePrioritiesRequest request, IGrainFactory grains,
        TorrentStatusCache cache)
    {
        ClientRules.TryInfoHash(request.InfoHash, out var key);
        var torrent = grains.GetGrain<ITorrentGrain>(key);
        if (await torrent.GetStatusAsync() is not { } status)
        {
            return TorrentNotFound();
        }
        if (status.FileCount == 0)
        {
            return ApiProblem.Conflict("the torrent's files are not known yet (its metadata is still being fetched)");
        }
        var priorities = request.Priorities!.ToDictionary(p => int.Parse(p.Key, System.Globalization.CultureInfo.InvariantCulture), p => ClientRules.Priority(p.Value));
        if (priorities.Keys.FirstOrDefault(i => i >= status.FileCount, -1) is var bad and >= 0)
        {
            return ApiProblem.BadRequest($"file index {bad} is not a file of this torrent (it has {status.FileCount})");
        }
        try
        {
            if (!await torrent.ChangeFilePrioritiesAsync(priorities))
            {
                return ApiProblem.Conflict("the torrent's files are not known yet (its metadata is still being fetched)");
            }
        }
        catch (InvalidOperationException)
        {
            return TorrentNotFound();
        }
        cache.Put(key, await torrent.GetStatusAsync());
        return TypedResults.Ok(OkResponse.Yes);
    }

    /// <summary>Puts a torrent at <c>pos</c> in the cluster's queue (0 first; past the end means last).</summary>
    public static Task<Results<Ok<OkResponse>, ProblemHttpResult>> SetQueuePosition(QueuePositionRequest request, IGrainFactory grains,
        TorrentStatusCache cache) =>
        OnTorrentAsync(request.InfoHash!, grains, cache, async torrent => await torrent.SetQueuePositionAsync(request.Pos!.Value));

    public static Task<Results<Ok<OkResponse>, ProblemHttpResult>> ForceStart(ForceStartRequest request, IGrainFactory grains, TorrentStatusCache cache) =>
        OnTorrentAsync(request.InfoHash!, grains, cache, torrent => torrent.SetForceStartAsync(request.Force!.Value));

    public static async Task<Ok<GlobalStatsDto>> Stats(ClientTorrentViews views, CancellationToken cancellationToken) =>
        TypedResults.Ok(await views.StatsAsync(cancellationToken));

    /// <summary>Focuses the caller's inspector on a torrent with these tabs; an empty id clears the focus.</summary>
    public static async Task<Results<Ok<OkResponse>, ProblemHttpResult>> Focus(InspectorFocusRequest request, HttpContext context,
        ClientInspector inspector, TorrentStatusCache cache, IGrainFactory grains)
    {
        var owner = ClientInspector.Owner(context.User);
        if (string.IsNullOrEmpty(request.Id))
        {
            await inspector.SetAsync(owner, null);
            return TypedResults.Ok(OkResponse.Yes);
        }
        ClientRules.TryInfoHash(request.Id, out var key);
        if (await cache.GetAsync(key) is null && await grains.GetGrain<ITorrentGrain>(key).GetStatusAsync() is null)
        {
            return TorrentNotFound();
        }
        await inspector.SetAsync(owner, new InspectorFocus(key, request.Tabs?.OfType<string>().Distinct().ToList() ?? []));
        return TypedResults.Ok(OkResponse.Yes);
    }

    public static async Task<Ok<OkResponse>> ClearFocus(HttpContext context, ClientInspector inspector)
    {
        await inspector.SetAsync(ClientInspector.Owner(context.User), null);
        return TypedResults.Ok(OkResponse.Yes);
    }

    /// <summary>The grain key of a torrent: its v1 info-hash in lower-case hex, or the v2 hash of a v2-only torrent.</summary>
    public static string TorrentKey(InfoHashes hashes) => (hashes.V1 ?? hashes.V2!.Value).ToHex();

    /// <summary>Runs a change on a torrent that must exist (404 otherwise), then keeps its new status for this process's reads.</summary>
    private static async Task<Results<Ok<OkResponse>, ProblemHttpResult>> OnTorrentAsync(string id, IGrainFactory grains, TorrentStatusCache cache,
        Func<ITorrentGrain, ValueTask> change)
    {
        if (!ClientRules.TryInfoHash(id, out var key))
        {
            return ApiProblem.BadRequest("id must be a 40- or 64-character hex info-hash");
        }
        var torrent = grains.GetGrain<ITorrentGrain>(key);
        try
        {
            await change(torrent);
        }
        catch (InvalidOperationException)
        {
            return TorrentNotFound();
        }
        cache.Put(key, await torrent.GetStatusAsync());
        return TypedResults.Ok(OkResponse.Yes);
    }

    private static ProblemHttpResult TorrentNotFound() => ApiProblem.NotFound("torrent not found");

    private static string? Blank(string? path) => string.IsNullOrWhiteSpace(path) ? null : path;

    /// <summary>The seed pins the socket's <c>Origin</c> to its <c>Host</c>, however the caller authenticates.</summary>
    private static async ValueTask<object?> OriginPinnedToHost(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        var origin = request.Headers.Origin.ToString();
        return origin.Length > 0 && !string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase)
            ? ApiProblem.Forbidden("origin not allowed")
            : await next(context);
    }
}
