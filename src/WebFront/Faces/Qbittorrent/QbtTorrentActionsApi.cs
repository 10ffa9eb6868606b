using Microsoft.AspNetCore.Http.HttpResults;
using Swarmgrid.GrainInterfaces.Client;
using Swarmgrid.GrainInterfaces.Settings;
using Swarmgrid.GrainInterfaces.Torrents;
using Swarmgrid.GrainInterfaces.Users;
using Swarmgrid.Hosting;
using Swarmgrid.Realtime;
using Swarmgrid.WebFront.Faces.Client;

namespace Swarmgrid.WebFront.Faces.Qbittorrent;

/// <summary>
/// The bulk changes of <c>torrents/*</c>, each on the torrents <c>hashes</c> names (<c>|</c>-separated, or <c>all</c>);
/// hashes of no torrent are skipped, as qBittorrent skips them. A missing parameter is a 400; an unknown category 409;
/// a priority move while queueing is off 409.
/// </summary>
public static class QbtTorrentActionsApi
{
    public static IEndpointRouteBuilder MapQbtTorrentActionsApi(this IEndpointRouteBuilder routes, string prefix)
    {
        var write = QbittorrentFace.Group(routes, prefix, "/torrents").RequireQbtRole(Role.Operator)
            .WithMetadata(new JsonBodyLimit(JsonBodyLimit.DefaultBytes)).DisableAntiforgery();
        write.MapPost("/delete", Delete).Form<QbtDeleteForm>().Text().WithName("QbtDelete");
        write.MapPost("/pause", Pause).Form<QbtHashesForm>().Text().WithName("QbtPause");
        write.MapPost("/stop", Pause).Form<QbtHashesForm>().Text().WithName("QbtStop");
        write.MapPost("/resume", Resume).Form<QbtHashesForm>().Text().WithName("QbtResume");
        write.MapPost("/start", Resume).Form<QbtHashesForm>().Text().WithName("QbtStart");
        write.MapPost("/recheck", Recheck).Form<QbtHashesForm>().Text().WithName("QbtRecheck");
        write.MapPost("/reannounce", Reannounce).Form<QbtHashesForm>().Text().WithName("QbtReannounce");
        write.MapPost("/setCategory", SetCategory).Form<QbtSetCategoryForm>().Text().WithName("QbtSetCategory");
        write.MapPost("/addTags", AddTags).Form<QbtTorrentTagsForm>().Text().WithName("QbtAddTags");
        write.MapPost("/removeTags", RemoveTags).Form<QbtTorrentTagsForm>().Text().WithName("QbtRemoveTags");
        write.MapPost("/setShareLimits", SetShareLimits).Form<QbtShareLimitsForm>().Text().WithName("QbtSetShareLimits");
        write.MapPost("/setLocation", SetLocation).Form<QbtLocationForm>().Text().WithName("QbtSetLocation");
        write.MapPost("/setForceStart", SetForceStart).Form<QbtForceStartForm>().Text().WithName("QbtSetForceStart");
        write.MapPost("/topPrio", (QbtParams form, IGrainFactory grains, TorrentStatusCache cache) => MoveAsync(form, grains, cache, QueueMove.Top))
            .Form<QbtHashesForm>().Text().WithName("QbtTopPrio");
        write.MapPost("/bottomPrio", (QbtParams form, IGrainFactory grains, TorrentStatusCache cache) => MoveAsync(form, grains, cache, QueueMove.Bottom))
            .Form<QbtHashesForm>().Text().WithName("QbtBottomPrio");
        write.MapPost("/increasePrio", (QbtParams form, IGrainFactory grains, TorrentStatusCache cache) => MoveAsync(form, grains, cache, QueueMove.Up))
            .Form<QbtHashesForm>().Text().WithName("QbtIncreasePrio");
        write.MapPost("/decreasePrio", (QbtParams form, IGrainFactory grains, TorrentStatusCache cache) => MoveAsync(form, grains, cache, QueueMove.Down))
            .Form<QbtHashesForm>().Text().WithName("QbtDecreasePrio");
        return routes;
    }

    /// <summary><c>deleteFiles</c> (required, as in qBittorrent) also deletes the downloaded data.</summary>
    public static async Task<ContentHttpResult> Delete(QbtParams form, IGrainFactory grains, TorrentStatusCache cache)
    {
        if (form.Hashes() is not { } hashes || form.Bool("deleteFiles") is not { } deleteFiles)
        {
            return QbtText.BadRequest();
        }
        foreach (var key in await TargetsAsync(hashes, cache))
        {
            await grains.GetGrain<ITorrentGrain>(key).RemoveAsync(deleteFiles);
            cache.Put(key, null);
        }
        return QbtText.Ok();
    }

    public static Task<ContentHttpResult> Pause(QbtParams form, IGrainFactory grains, TorrentStatusCache cache) =>
        EachAsync(form, grains, cache, t => t.PauseAsync());

    public static Task<ContentHttpResult> Resume(QbtParams form, IGrainFactory grains, TorrentStatusCache cache) =>
        EachAsync(form, grains, cache, t => t.ResumeAsync());

    public static Task<ContentHttpResult> Recheck(QbtParams form, IGrainFactory grains, TorrentStatusCache cache) =>
        EachAsync(form, grains, cache, t => t.RecheckAsync());

    /// <summary>The engine announces on its own schedule; asking again changes nothing it would not do anyway.</summary>
    public static Task<ContentHttpResult> Reannounce(QbtParams form, IGrainFactory grains, TorrentStatusCache cache) =>
        EachAsync(form, grains, cache, _ => ValueTask.CompletedTask);

    /// <summary><c>category</c> by name; empty clears it, a name the catalog does not have is a 409.</summary>
    public static async Task<ContentHttpResult> SetCategory(QbtParams form, IGrainFactory grains, TorrentStatusCache cache)
    {
        if (form.Hashes() is null || form["category"] is not { } name)
        {
            return QbtText.BadRequest();
        }
        int? categoryId = null;
        if (name.Length > 0)
        {
            if ((await grains.GetGrain<IClientCatalogGrain>(0).GetCategoriesAsync()).FirstOrDefault(c => c.Name == name) is not { } category)
            {
                return QbtText.Conflict("Incorrect category name");
            }
            categoryId = category.Id;
        }
        return await EachAsync(form, grains, cache, t => t.SetCategoryAsync(categoryId));
    }

    /// <summary>Adds the comma-separated <c>tags</c>, creating those the catalog lacks.</summary>
    public static async Task<ContentHttpResult> AddTags(QbtParams form, IGrainFactory grains, TorrentStatusCache cache)
    {
        if (form.Hashes() is null || form["tags"] is null)
        {
            return QbtText.BadRequest();
        }
        var ids = await QbtCatalog.TagIdsAsync(grains, form.List("tags"), create: true);
        return await EachAsync(form, grains, cache, async t =>
        {
            foreach (var id in ids)
            {
                await t.AssignTagAsync(id);
            }
        });
    }

    /// <summary>Takes the comma-separated <c>tags</c> off; none named takes every tag off.</summary>
    public static async Task<ContentHttpResult> RemoveTags(QbtParams form, IGrainFactory grains, TorrentStatusCache cache)
    {
        if (form.Hashes() is null)
        {
            return QbtText.BadRequest();
        }
        var names = form.List("tags");
        if (names.Count == 0)
        {
            return await EachAsync(form, grains, cache, t => t.SetTagsAsync([]));
        }
        var ids = await QbtCatalog.TagIdsAsync(grains, names, create: false);
        return await EachAsync(form, grains, cache, async t =>
        {
            foreach (var id in ids)
            {
                await t.UnassignTagAsync(id);
            }
        });
    }

    /// <summary><c>ratioLimit</c> and <c>seedingTimeLimit</c> (minutes) are required, <c>inactiveSeedingTimeLimit</c> optional; -2 global, -1 none.</summary>
    public static async Task<ContentHttpResult> SetShareLimits(QbtParams form, IGrainFactory grains, TorrentStatusCache cache)
    {
        if (form.Hashes() is null || QbtShareLimits.From(form, required: true) is not { } limits)
        {
            return QbtText.BadRequest();
        }
        return await EachAsync(form, grains, cache, t => t.SetShareLimitsAsync(limits));
    }

    /// <summary>Moves each torrent's data to <c>location</c> (an absolute folder); 400 without one, 409 when a move fails.</summary>
    public static async Task<ContentHttpResult> SetLocation(QbtParams form, IGrainFactory grains, TorrentStatusCache cache)
    {
        if (form.Hashes() is not { } hashes || form["location"]?.Trim() is not { Length: > 0 } location)
        {
            return QbtText.BadRequest();
        }
        if (ClientRules.SavePathProblem(location) is not null)
        {
            return QbtText.BadRequest("location must be an absolute path");
        }
        var failed = false;
        foreach (var key in await TargetsAsync(hashes, cache))
        {
            var torrent = grains.GetGrain<ITorrentGrain>(key);
            try
            {
                failed |= !await torrent.SetSavePathAsync(location);
            }
            catch (InvalidOperationException)
            {
                continue;
            }
            cache.Put(key, await torrent.GetStatusAsync());
        }
        return failed ? QbtText.Conflict("Cannot move torrent data to the new location") : QbtText.Ok();
    }

    public static async Task<ContentHttpResult> SetForceStart(QbtParams form, IGrainFactory grains, TorrentStatusCache cache)
    {
        if (form.Hashes() is null || form.Bool("value") is not { } value)
        {
            return QbtText.BadRequest();
        }
        return await EachAsync(form, grains, cache, t => t.SetForceStartAsync(value));
    }

    /// <summary>Moves each torrent in the cluster's queue, in the order given; 409 while queueing is off.</summary>
    public static async Task<ContentHttpResult> MoveAsync(QbtParams form, IGrainFactory grains, TorrentStatusCache cache, QueueMove move)
    {
        if (form.Hashes() is null)
        {
            return QbtText.BadRequest();
        }
        if (!(await ClientSettings.ReadAsync(grains)).Flag(ClientSettingKeys.QueueingEnabled))
        {
            return QbtText.Conflict("Torrent queueing must be enabled");
        }
        return await EachAsync(form, grains, cache, async t => await t.MoveInQueueAsync(move));
    }

    private static async Task<ContentHttpResult> EachAsync(QbtParams form, IGrainFactory grains, TorrentStatusCache cache, Func<ITorrentGrain, ValueTask> change)
    {
        if (form.Hashes() is not { } hashes)
        {
            return QbtText.BadRequest();
        }
        foreach (var key in await TargetsAsync(hashes, cache))
        {
            var torrent = grains.GetGrain<ITorrentGrain>(key);
            try
            {
                await change(torrent);
            }
            catch (InvalidOperationException)
            {
                // Removed meanwhile, or never added: qBittorrent skips hashes of no torrent.
                continue;
            }
            cache.Put(key, await torrent.GetStatusAsync());
        }
        return QbtText.Ok();
    }

    private static async Task<IReadOnlyList<string>> TargetsAsync(QbtHashes hashes, TorrentStatusCache cache) =>
        hashes.All ? [.. (await cache.AllAsync()).Select(t => t.InfoHash)] : hashes.Keys;
}

/// <summary>Share limits from a form, as qBittorrent names them.</summary>
public static class QbtShareLimits
{
    /// <summary>
    /// The limits given; null when <paramref name="required"/> and <c>ratioLimit</c> or <c>seedingTimeLimit</c> is missing,
    /// or when a given one is not a number or below -2.
    /// </summary>
    public static ShareLimits? From(QbtParams form, bool required)
    {
        var ratio = form.Has("ratioLimit") ? form.Double("ratioLimit") : (required ? null : ShareLimits.UseGlobal);
        var seeding = form.Has("seedingTimeLimit") ? form.Long("seedingTimeLimit") : (required ? null : ShareLimits.UseGlobal);
        var inactive = form.Has("inactiveSeedingTimeLimit") ? form.Long("inactiveSeedingTimeLimit") : ShareLimits.UseGlobal;
        if (ratio is not { } r || seeding is not { } s || inactive is not { } i || r < -2 || s < -2 || i < -2 || s > int.MaxValue || i > int.MaxValue)
        {
            return null;
        }
        // qBittorrent keeps any other negative ratio as "use the global one".
        return new ShareLimits(r is < 0 and not -1 ? ShareLimits.UseGlobal : Math.Min(r, ShareLimits.MaxRatio), (int)s, (int)i);
    }
}
