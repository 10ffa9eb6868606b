using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Swarmgrid.GrainInterfaces.Client;
using Swarmgrid.GrainInterfaces.Torrents;
using Swarmgrid.GrainInterfaces.Users;
using Swarmgrid.Hosting;
using Swarmgrid.Identity;
using Swarmgrid.Realtime;

namespace Swarmgrid.WebFront.Faces.Client;

/// <summary>
/// The client face's categories and tags, numbered by the client catalog grain, and tag assignment. Deleting a
/// category or tag also takes it off every torrent that had it.
/// </summary>
public static class ClientCatalogApi
{
    public static IEndpointRouteBuilder MapClientCatalogApi(this IEndpointRouteBuilder routes, string prefix)
    {
        var client = routes.MapGroup(prefix).WithTags("Client").AddEndpointFilter<OriginGuardFilter>();
        var read = client.MapGroup("").RequireRole(Role.Viewer);
        var write = client.MapGroup("").RequireRole(Role.Operator);
        const int limit = ClientTorrentsApi.MaxJsonBody;

        read.MapGet("/categories", ListCategories).WithName("ClientListCategories");
        write.MapPost("/categories", AddCategory).Validate<CategoryRequest>().AcceptsJsonUpTo(limit).WithName("ClientAddCategory");
        write.MapPut("/categories", UpdateCategory).Validate<CategoryRequest>().AcceptsJsonUpTo(limit).WithName("ClientUpdateCategory");
        write.MapDelete("/categories/{id}", RemoveCategory).AcceptsJsonUpTo(limit).WithName("ClientRemoveCategory");
        read.MapGet("/tags", ListTags).WithName("ClientListTags");
        write.MapPost("/tags", AddTag).Validate<TagRequest>().AcceptsJsonUpTo(limit).WithName("ClientAddTag");
        write.MapDelete("/tags/{id}", RemoveTag).AcceptsJsonUpTo(limit).WithName("ClientRemoveTag");
        write.MapPost("/tags/assign", Assign).Validate<TagAssignRequest>().AcceptsJsonUpTo(limit).WithName("ClientAssignTag");
        write.MapPost("/tags/unassign", Unassign).Validate<TagAssignRequest>().AcceptsJsonUpTo(limit).WithName("ClientUnassignTag");
        return routes;
    }

    public static async Task<Ok<List<CategoryDto>>> ListCategories(IGrainFactory grains) =>
        TypedResults.Ok((await Catalog(grains).GetCategoriesAsync()).Select(c => new CategoryDto(c.Id, c.Name, c.DefaultSavePath, c.Color)).ToList());

    public static async Task<Results<Ok<CreatedResponse>, ProblemHttpResult>> AddCategory(CategoryRequest request, IGrainFactory grains) =>
        await Catalog(grains).AddCategoryAsync(request.Name!.Trim(), request.DefaultSavePath ?? "", request.Color ?? "") is { } id
            ? TypedResults.Ok(new CreatedResponse(id))
            : ApiProblem.Conflict("a category of that name exists");

    public static async Task<Results<Ok<OkResponse>, ProblemHttpResult>> UpdateCategory(CategoryRequest request, IGrainFactory grains)
    {
        if (request.Id is not { } id)
        {
            return ApiProblem.BadRequest("id is required");
        }
        return await Catalog(grains).UpdateCategoryAsync(new ClientCategory(id, request.Name!.Trim(), request.DefaultSavePath ?? "", request.Color ?? "")) switch
        {
            CatalogWrite.Done => TypedResults.Ok(OkResponse.Yes),
            CatalogWrite.NotFound => ApiProblem.NotFound("category not found"),
            _ => ApiProblem.Conflict("a category of that name exists"),
        };
    }

    public static async Task<Results<Ok<OkResponse>, ProblemHttpResult>> RemoveCategory(string id, IGrainFactory grains, TorrentStatusCache cache)
    {
        if (ParseId(id) is not { } categoryId)
        {
            return ApiProblem.BadRequest("id must be a positive number");
        }
        if (!await Catalog(grains).RemoveCategoryAsync(categoryId))
        {
            return ApiProblem.NotFound("category not found");
        }
        foreach (var torrent in (await cache.AllAsync()).Where(t => t.CategoryId == categoryId))
        {
            await Detach(grains, cache, torrent.InfoHash, t => t.SetCategoryAsync(null));
        }
        return TypedResults.Ok(OkResponse.Yes);
    }

    public static async Task<Ok<List<TagDto>>> ListTags(IGrainFactory grains) =>
        TypedResults.Ok((await Catalog(grains).GetTagsAsync()).Select(t => new TagDto(t.Id, t.Name, t.Color)).ToList());

    public static async Task<Results<Ok<CreatedResponse>, ProblemHttpResult>> AddTag(TagRequest request, IGrainFactory grains) =>
        await Catalog(grains).AddTagAsync(request.Name!.Trim(), request.Color ?? "") is { } id
            ? TypedResults.Ok(new CreatedResponse(id))
            : ApiProblem.Conflict("a tag of that name exists");

    public static async Task<Results<Ok<OkResponse>, ProblemHttpResult>> RemoveTag(string id, IGrainFactory grains, TorrentStatusCache cache)
    {
        if (ParseId(id) is not { } tagId)
        {
            return ApiProblem.BadRequest("id must be a positive number");
        }
        if (!await Catalog(grains).RemoveTagAsync(tagId))
        {
            return ApiProblem.NotFound("tag not found");
        }
        foreach (var torrent in (await cache.AllAsync()).Where(t => t.TagIds.Contains(tagId)))
        {
            await Detach(grains, cache, torrent.InfoHash, t => t.UnassignTagAsync(tagId));
        }
        return TypedResults.Ok(OkResponse.Yes);
    }

    public static Task<Results<Ok<OkResponse>, ProblemHttpResult>> Assign(TagAssignRequest request, IGrainFactory grains, TorrentStatusCache cache) =>
        ChangeTagAsync(request, grains, cache, (torrent, tag) => torrent.AssignTagAsync(tag));

    public static Task<Results<Ok<OkResponse>, ProblemHttpResult>> Unassign(TagAssignRequest request, IGrainFactory grains, TorrentStatusCache cache) =>
        ChangeTagAsync(request, grains, cache, (torrent, tag) => torrent.UnassignTagAsync(tag));

    private static async Task<Results<Ok<OkResponse>, ProblemHttpResult>> ChangeTagAsync(TagAssignRequest request, IGrainFactory grains,
        TorrentStatusCache cache, Func<ITorrentGrain, int, ValueTask> change)
    {
        var tagId = request.TagId!.Value;
        if (!(await Catalog(grains).GetTagsAsync()).Any(t => t.Id == tagId))
        {
            return ApiProblem.NotFound("tag not found");
        }
        ClientRules.TryInfoHash(request.InfoHash, out var key);
        var torrent = grains.GetGrain<ITorrentGrain>(key);
        try
        {
            await change(torrent, tagId);
        }
        catch (InvalidOperationException)
        {
            return ApiProblem.NotFound("torrent not found");
        }
        cache.Put(key, await torrent.GetStatusAsync());
        return TypedResults.Ok(OkResponse.Yes);
    }

    /// <summary>Takes a deleted category or tag off one torrent; a torrent removed meanwhile needs nothing.</summary>
    private static async Task Detach(IGrainFactory grains, TorrentStatusCache cache, string infoHash, Func<ITorrentGrain, ValueTask> change)
    {
        var torrent = grains.GetGrain<ITorrentGrain>(infoHash);
        try
        {
            await change(torrent);
            cache.Put(infoHash, await torrent.GetStatusAsync());
        }
        catch (InvalidOperationException)
        {
        }
    }

    private static IClientCatalogGrain Catalog(IGrainFactory grains) => grains.GetGrain<IClientCatalogGrain>(0);

    private static int? ParseId(string id) =>
        int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : null;
}
