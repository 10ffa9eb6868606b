using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Swarmgrid.BitTorrent.Magnet;
using Swarmgrid.BitTorrent.Metainfo;
using Swarmgrid.GrainInterfaces.Torrents;
using Swarmgrid.GrainInterfaces.Users;
using Swarmgrid.Hosting;
using Swarmgrid.Identity;

namespace Swarmgrid.WebFront.Faces.Client;

/// <summary>The client face's torrents: each is a torrent grain keyed by its info-hash, running on some silo's engine.</summary>
public static class ClientTorrentsApi
{
    public static IEndpointRouteBuilder MapClientTorrentsApi(this IEndpointRouteBuilder routes, string prefix)
    {
        var torrents = routes.MapGroup($"{prefix}/torrents").WithTags("Client").AddEndpointFilter<OriginGuardFilter>();
        torrents.MapPost("/magnet", AddMagnet).RequireRole(Role.Operator).Validate<AddMagnetRequest>().WithName("ClientAddMagnet");
        return routes;
    }

    /// <summary>Adds a torrent by magnet link; the link is kept by the grain, so the torrent comes back after a restart.</summary>
    public static async Task<Results<Ok<AddedTorrentResponse>, ProblemHttpResult>> AddMagnet(AddMagnetRequest request, IGrainFactory grains)
    {
        var magnet = MagnetLink.Parse(request.Magnet!);
        var key = TorrentKey(magnet.InfoHashes);
        try
        {
            await grains.GetGrain<ITorrentGrain>(key).AddAsync(new TorrentSource(null, request.Magnet,
                string.IsNullOrWhiteSpace(request.SavePath) ? null : request.SavePath));
        }
        catch (ArgumentException ex)
        {
            return ApiProblem.BadRequest(ex.Message);
        }
        return TypedResults.Ok(new AddedTorrentResponse(key));
    }

    /// <summary>The grain key of a torrent: its v1 info-hash in lower-case hex, or the v2 hash of a v2-only torrent.</summary>
    public static string TorrentKey(InfoHashes hashes) => (hashes.V1 ?? hashes.V2!.Value).ToHex();
}

public sealed record AddMagnetRequest(
    [property: JsonPropertyName("magnet")] string? Magnet,
    [property: JsonPropertyName("save_path")] string? SavePath = null) : IValidatable
{
    public string? Validate() =>
        string.IsNullOrWhiteSpace(Magnet) ? "magnet is required"
        : Magnet.Length > 64 * 1024 ? "magnet is too long"
        : !MagnetLink.TryParse(Magnet, out _) ? "invalid magnet link"
        : SavePath is { Length: > 4096 } ? "save_path is too long"
        : null;
}

public sealed record AddedTorrentResponse([property: JsonPropertyName("id")] string Id);
