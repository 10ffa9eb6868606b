using Microsoft.AspNetCore.Http.HttpResults;
using Swarmgrid.BitTorrent.Magnet;
using Swarmgrid.BitTorrent.Metainfo;
using Swarmgrid.GrainInterfaces.Torrents;
using Swarmgrid.GrainInterfaces.Users;
using Swarmgrid.Hosting;
using Swarmgrid.Hosting.Network.Outbound;
using Swarmgrid.Realtime;
using Swarmgrid.WebFront.Faces.Client;

namespace Swarmgrid.WebFront.Faces.Qbittorrent;

/// <summary>
/// <c>torrents/add</c>: magnet links and http(s) links to .torrent files in <c>urls</c> (one a line), .torrent files as
/// multipart files (qBittorrent documents the field <c>torrents</c> but reads every uploaded file, and clients rely on
/// it), with <c>savepath</c>, <c>category</c> (created when missing, as qBittorrent does),
/// <c>tags</c>, <c>paused</c>/<c>stopped</c>, <c>ratioLimit</c>, <c>seedingTimeLimit</c> and
/// <c>inactiveSeedingTimeLimit</c>. <c>contentLayout</c>, <c>sequentialDownload</c>, <c>firstLastPiecePrio</c>,
/// <c>rename</c> and <c>autoTMM</c> are read and have no effect here. <c>Ok.</c> when at least one torrent was added
/// (or was already there), otherwise <c>Fails.</c>.
/// </summary>
public static class QbtAddApi
{
    /// <summary>The cap on the whole add request (the .torrent uploads with it) and on a fetched .torrent.</summary>
    public const int MaxUpload = 10 << 20;

    public static IEndpointRouteBuilder MapQbtAddApi(this IEndpointRouteBuilder routes, string prefix)
    {
        QbittorrentFace.Group(routes, prefix, "/torrents").RequireQbtRole(Role.Operator)
            .MapPost("/add", Add).Form<QbtAddForm>().Text().WithMetadata(new JsonBodyLimit(MaxUpload)).DisableAntiforgery().WithName("QbtAdd");
        return routes;
    }

    public static async Task<ContentHttpResult> Add(QbtParams form, IGrainFactory grains, TorrentStatusCache cache, OutboundFetcher fetcher,
        ILogger<QbtAddDiagnostics> logger, CancellationToken cancellationToken)
    {
        var urls = form.List("urls", '\n');
        if (urls.Count == 0 && form.Files.Count == 0)
        {
            return QbtText.BadRequest();
        }
        var limits = QbtShareLimits.From(form, required: false);
        if (limits is null)
        {
            return QbtText.BadRequest();
        }
        var categoryName = form["category"]?.Trim();
        if (!string.IsNullOrEmpty(categoryName) && !QbtCatalog.ValidCategoryName(categoryName))
        {
            return QbtText.Conflict("Incorrect category name");
        }
        var savePath = form["savepath"]?.Trim() is { Length: > 0 } path ? path : null;
        if (savePath is not null && ClientRules.SavePathProblem(savePath) is not null)
        {
            return QbtText.BadRequest("savepath must be an absolute path");
        }
        var categoryId = await QbtCatalog.CategoryIdAsync(grains, categoryName);
        var tagIds = await QbtCatalog.TagIdsAsync(grains, form.List("tags"), create: true);
        var paused = form.Bool("stopped") ?? form.Bool("paused") ?? false;

        var sources = new List<(string Key, TorrentSource Source)>();
        foreach (var file in form.Files.Where(f => f.Length is > 0 and <= MaxUpload))
        {
            var bytes = new byte[file.Length];
            await using (var stream = file.OpenReadStream())
            {
                await stream.ReadExactlyAsync(bytes, cancellationToken);
            }
            if (FromMetainfo(bytes) is { } key)
            {
                sources.Add((key, new TorrentSource(bytes, null)));
            }
        }
        foreach (var url in urls)
        {
            if (url.StartsWith("magnet:", StringComparison.OrdinalIgnoreCase))
            {
                if (MagnetLink.TryParse(url, out var magnet) && magnet is not null)
                {
                    sources.Add((ClientTorrentsApi.TorrentKey(magnet.InfoHashes), new TorrentSource(null, url)));
                }
            }
            else if (Uri.TryCreate(url, UriKind.Absolute, out var link) && link.Scheme is "http" or "https")
            {
                try
                {
                    var fetched = await fetcher.GetAsync(new OutboundRequest(link, MaxUpload, TimeSpan.FromSeconds(30)), cancellationToken);
                    if (FromMetainfo(fetched.Body) is { } key)
                    {
                        sources.Add((key, new TorrentSource(fetched.Body, null)));
                    }
                }
                catch (Exception ex) when (ex is OutboundRefusedException or OutboundFailedException)
                {
                    logger.LogInformation("The .torrent at {Url} could not be fetched: {Reason}", link, ex.Message);
                }
            }
        }
        var added = 0;
        foreach (var (key, source) in sources)
        {
            try
            {
                var status = await grains.GetGrain<ITorrentGrain>(key).AddAsync(source with
                {
                    SavePath = savePath,
                    Paused = paused,
                    CategoryId = categoryId,
                    TagIds = tagIds,
                    ShareLimits = limits,
                });
                cache.Put(key, status);
                added++;
            }
            catch (ArgumentException ex)
            {
                logger.LogInformation("A torrent could not be added: {Reason}", ex.Message);
            }
        }
        return QbtText.Ok(added > 0 ? "Ok." : "Fails.");
    }

    private static string? FromMetainfo(byte[] bytes)
    {
        try
        {
            return ClientTorrentsApi.TorrentKey(Torrent.Load(bytes).InfoHashes);
        }
        catch (TorrentFormatException)
        {
            return null;
        }
    }
}

/// <summary>The category of the add route's log lines.</summary>
public sealed class QbtAddDiagnostics;
