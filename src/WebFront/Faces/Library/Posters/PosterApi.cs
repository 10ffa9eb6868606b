using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Swarmgrid.GrainInterfaces.Users;
using Swarmgrid.Hosting;
using Swarmgrid.Identity;

namespace Swarmgrid.WebFront.Faces.Library.Posters;

/// <summary>
/// <c>GET /api/poster/{tmdb_id}?media_type=movie|tv</c>: a poster URL from TMDB, cached. 404 when TMDB knows no such id
/// (or it has no poster), 502 when TMDB fails or is too slow, 503 when no TMDB key is configured.
/// </summary>
public static class PosterApi
{
    public static IServiceCollection AddPosters(this IServiceCollection services, IConfiguration configuration) =>
        services.AddSingleton(TmdbOptions.From(configuration)).AddSingleton<PosterCache>();

    public static IEndpointRouteBuilder MapPosterApi(this IEndpointRouteBuilder routes, string prefix)
    {
        routes.MapGet($"{prefix}/poster/{{tmdb_id}}", Get).WithTags("Library").RequireRole(Role.Viewer)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status502BadGateway).ProducesProblem(StatusCodes.Status503ServiceUnavailable).WithName("LibraryPoster");
        return routes;
    }

    public static async Task<Results<Ok<PosterResponse>, ProblemHttpResult>> Get(
        [FromRoute(Name = "tmdb_id")] string tmdbId, [FromQuery(Name = "media_type")] string? mediaType, PosterCache posters, CancellationToken cancellationToken)
    {
        mediaType = string.IsNullOrEmpty(mediaType) ? "movie" : mediaType;
        if (mediaType is not ("movie" or "tv"))
        {
            return ApiProblem.BadRequest("media_type must be movie or tv");
        }
        if (tmdbId.Length is 0 or > 12 || !tmdbId.All(char.IsAsciiDigit))
        {
            return ApiProblem.BadRequest("tmdb_id must be a TMDB id (digits)");
        }
        var (outcome, url) = await posters.GetAsync(tmdbId, mediaType, cancellationToken);
        return outcome switch
        {
            PosterOutcome.Found => TypedResults.Ok(new PosterResponse(tmdbId, mediaType, url!)),
            PosterOutcome.Unknown => ApiProblem.NotFound($"TMDB has no poster for {mediaType} {tmdbId}"),
            PosterOutcome.NotConfigured => ApiProblem.Unavailable("posters need a TMDB API key (Library:Tmdb:ApiKey)"),
            _ => ApiProblem.BadGateway("TMDB did not answer in time or answered an error"),
        };
    }
}

public sealed record PosterResponse(
    [property: JsonPropertyName("tmdb_id")] string TmdbId,
    [property: JsonPropertyName("media_type")] string MediaType,
    [property: JsonPropertyName("poster_url")] string PosterUrl);
