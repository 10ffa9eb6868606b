using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Swarmgrid.GrainInterfaces.Client;
using Swarmgrid.GrainInterfaces.Torrents;
using Swarmgrid.GrainInterfaces.Users;
using Swarmgrid.Hosting;
using Swarmgrid.Realtime;

namespace Swarmgrid.WebFront.Faces.Qbittorrent;

/// <summary>
/// Categories and tags, by name as qBittorrent has them, over the client catalog (which numbers them): <c>categories</c>,
/// <c>createCategory</c>, <c>editCategory</c>, <c>removeCategories</c>, <c>tags</c>, <c>createTags</c>, <c>deleteTags</c>.
/// </summary>
public static class QbtCatalogApi
{
    public static IEndpointRouteBuilder MapQbtCatalogApi(this IEndpointRouteBuilder routes, string prefix)
    {
        var torrents = QbittorrentFace.Group(routes, prefix, "/torrents").WithMetadata(new JsonBodyLimit(JsonBodyLimit.DefaultBytes)).DisableAntiforgery();
        var read = torrents.MapGroup("").RequireQbtRole(Role.Viewer);
        var write = torrents.MapGroup("").RequireQbtRole(Role.Operator);
        read.MapGet("/categories", Categories).WithName("QbtCategories");
        write.MapPost("/createCategory", CreateCategory).Form<QbtCategoryForm>().Text().WithName("QbtCreateCategory");
        write.MapPost("/editCategory", EditCategory).Form<QbtCategoryForm>().Text().WithName("QbtEditCategory");
        write.MapPost("/removeCategories", RemoveCategories).Form<QbtRemoveCategoriesForm>().Text().WithName("QbtRemoveCategories");
        read.MapGet("/tags", Tags).WithName("QbtTags");
        write.MapPost("/createTags", CreateTags).Form<QbtTagsForm>().Text().WithName("QbtCreateTags");
        write.MapPost("/deleteTags", DeleteTags).Form<QbtTagsForm>().Text().WithName("QbtDeleteTags");
        return routes;
    }

    public static async Task<Ok<JsonObject>> Categories(IGrainFactory grains) =>
        TypedResults.Ok(QbtCatalog.CategoriesJson(await grains.GetGrain<IClientCatalogGrain>(0).GetCategoriesAsync()));

    /// <summary><c>category</c> and optional <c>savePath</c>; 400 without a name, 409 for a name that exists or is not valid.</summary>
    public static async Task<ContentHttpResult> CreateCategory(QbtParams form, IGrainFactory grains)
    {
        if (form["category"]?.Trim() is not { Length: > 0 } name)
        {
            return QbtText.BadRequest();
        }
        if (!QbtCatalog.ValidCategoryName(name))
        {
            return QbtText.Conflict("Incorrect category name");
        }
        return await grains.GetGrain<IClientCatalogGrain>(0).AddCategoryAsync(name, form["savePath"] ?? "", "") is null
            ? QbtText.Conflict("Unable to create category")
            : QbtText.Ok();
    }

    public static async Task<ContentHttpResult> EditCategory(QbtParams form, IGrainFactory grains)
    {
        if (form["category"]?.Trim() is not { Length: > 0 } name || form["savePath"] is not { } savePath)
        {
            return QbtText.BadRequest();
        }
        var catalog = grains.GetGrain<IClientCatalogGrain>(0);
        if ((await catalog.GetCategoriesAsync()).FirstOrDefault(c => c.Name == name) is not { } category)
        {
            return QbtText.Conflict("Unable to edit category");
        }
        return await catalog.UpdateCategoryAsync(category with { DefaultSavePath = savePath }) == CatalogWrite.Done
            ? QbtText.Ok()
            : QbtText.Conflict("Unable to edit category");
    }

    /// <summary>Newline-separated <c>categories</c>; their torrents lose the category, names not in the catalog are skipped.</summary>
    public static async Task<ContentHttpResult> RemoveCategories(QbtParams form, IGrainFactory grains, TorrentStatusCache cache)
    {
        if (form["categories"] is null)
        {
            return QbtText.BadRequest();
        }
        var catalog = grains.GetGrain<IClientCatalogGrain>(0);
        var names = form.List("categories", '\n').ToHashSet(StringComparer.Ordinal);
        foreach (var category in (await catalog.GetCategoriesAsync()).Where(c => names.Contains(c.Name)))
        {
            await catalog.RemoveCategoryAsync(category.Id);
            foreach (var torrent in (await cache.AllAsync()).Where(t => t.CategoryId == category.Id))
            {
                await QbtCatalog.DetachAsync(grains, cache, torrent.InfoHash, t => t.SetCategoryAsync(null));
            }
        }
        return QbtText.Ok();
    }

    public static async Task<Ok<JsonArray>> Tags(IGrainFactory grains) =>
        TypedResults.Ok(new JsonArray([.. (await grains.GetGrain<IClientCatalogGrain>(0).GetTagsAsync()).Select(t => t.Name)
            .Order(StringComparer.Ordinal).Select(n => (JsonNode)n)]));

    public static async Task<ContentHttpResult> CreateTags(QbtParams form, IGrainFactory grains)
    {
        if (form["tags"] is null)
        {
            return QbtText.BadRequest();
        }
        await QbtCatalog.TagIdsAsync(grains, form.List("tags"), create: true);
        return QbtText.Ok();
    }

    public static async Task<ContentHttpResult> DeleteTags(QbtParams form, IGrainFactory grains, TorrentStatusCache cache)
    {
        if (form["tags"] is null)
        {
            return QbtText.BadRequest();
        }
        var catalog = grains.GetGrain<IClientCatalogGrain>(0);
        foreach (var id in await QbtCatalog.TagIdsAsync(grains, form.List("tags"), create: false))
        {
            await catalog.RemoveTagAsync(id);
            foreach (var torrent in (await cache.AllAsync()).Where(t => t.TagIds.Contains(id)))
            {
                await QbtCatalog.DetachAsync(grains, cache, torrent.InfoHash, t => t.UnassignTagAsync(id));
            }
        }
        return QbtText.Ok();
    }
}

/// <summary>Names to catalog ids and back.</summary>
public static class QbtCatalog
{
    /// <summary>qBittorrent's rule: no empty path segments, no leading or trailing slash, no backslash.</summary>
    public static bool ValidCategoryName(string name) =>
        name.Length is > 0 and <= 256 && !name.StartsWith('/') && !name.EndsWith('/') && !name.Contains("//", StringComparison.Ordinal)
        && !name.Contains('\\', StringComparison.Ordinal);

    public static JsonObject CategoriesJson(IEnumerable<ClientCategory> categories)
    {
        var answer = new JsonObject();
        foreach (var category in categories.OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            answer[category.Name] = CategoryJson(category);
        }
        return answer;
    }

    public static JsonObject CategoryJson(ClientCategory category) => new()
    {
        ["name"] = category.Name,
        ["savePath"] = category.DefaultSavePath,
        ["download_path"] = null,
    };

    /// <summary>The ids of the named tags; with <paramref name="create"/>, tags the catalog lacks are created.</summary>
    public static async Task<IReadOnlyList<int>> TagIdsAsync(IGrainFactory grains, IReadOnlyList<string> names, bool create)
    {
        var catalog = grains.GetGrain<IClientCatalogGrain>(0);
        var tags = (await catalog.GetTagsAsync()).ToDictionary(t => t.Name, t => t.Id, StringComparer.Ordinal);
        var ids = new List<int>();
        foreach (var name in names)
        {
            if (tags.TryGetValue(name, out var id))
            {
                ids.Add(id);
            }
            else if (create && (await catalog.AddTagAsync(name, "") ?? (await catalog.GetTagsAsync()).FirstOrDefault(t => t.Name == name)?.Id) is { } added)
            {
                ids.Add(added);
            }
        }
        return ids;
    }

    /// <summary>The id of the named category, created when missing (as qBittorrent's add does); null for no category.</summary>
    public static async Task<int?> CategoryIdAsync(IGrainFactory grains, string? name, string savePath = "")
    {
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }
        var catalog = grains.GetGrain<IClientCatalogGrain>(0);
        if ((await catalog.GetCategoriesAsync()).FirstOrDefault(c => c.Name == name) is { } category)
        {
            return category.Id;
        }
        return await catalog.AddCategoryAsync(name, savePath, "")
            ?? (await catalog.GetCategoriesAsync()).FirstOrDefault(c => c.Name == name)?.Id;
    }

    /// <summary>Takes a deleted category or tag off one torrent; a torrent removed meanwhile needs nothing.</summary>
    public static async Task DetachAsync(IGrainFactory grains, TorrentStatusCache cache, string infoHash, Func<ITorrentGrain, ValueTask> change)
    {
        var torrent = grains.GetGrain<ITorrentGrain>(infoHash);
        try
        {
            await change(torrent);
            cache.Put(infoHash, await torrent.GetStatusAsync());
        }
        catch (InvalidOperationException)
        {
            // Removed meanwhile: nothing to take off.
        }
    }
}
