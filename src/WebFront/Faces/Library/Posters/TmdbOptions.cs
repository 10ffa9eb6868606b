namespace Swarmgrid.WebFront.Faces.Library.Posters;

/// <summary>
/// Configuration <c>Library:Tmdb</c>: the TMDB API's <c>BaseUrl</c>, the <c>ApiKey</c> (a v3 key, sent as
/// <c>api_key</c>, or a v4 read token, sent as a bearer token), the <c>ImageBaseUrl</c> poster paths are joined to, how
/// long answers are cached (<c>CacheHours</c>) and how long TMDB may take (<c>TimeoutSeconds</c>).
/// </summary>
public sealed record TmdbOptions(Uri BaseUrl, string? ApiKey, string ImageBaseUrl, TimeSpan CacheTtl, TimeSpan Timeout)
{
    public static TmdbOptions From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Library:Tmdb");
        var baseUrl = section["BaseUrl"] is { Length: > 0 } configured ? configured : "https://api.themoviedb.org/3";
        return new TmdbOptions(
            new Uri(baseUrl.TrimEnd('/') + "/"),
            section["ApiKey"] is { Length: > 0 } key ? key : null,
            (section["ImageBaseUrl"] is { Length: > 0 } images ? images : "https://image.tmdb.org/t/p/w500").TrimEnd('/'),
            TimeSpan.FromHours(section.GetValue("CacheHours", 24.0 * 7)),
            TimeSpan.FromSeconds(section.GetValue("TimeoutSeconds", 5.0)));
    }
}
