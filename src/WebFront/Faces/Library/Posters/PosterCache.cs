using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Swarmgrid.Data.Library;

namespace Swarmgrid.WebFront.Faces.Library.Posters;

/// <summary>What a poster lookup came to.</summary>
public enum PosterOutcome
{
    Found,
    Unknown,
    UpstreamFailed,
    NotConfigured,
}

/// <summary>
/// Poster URLs from TMDB behind two cache levels: this process's memory, then the database shared by every web front;
/// both keep an answer (an unknown id too) for <see cref="TmdbOptions.CacheTtl"/>. An upstream failure is not cached.
/// The API key never reaches a log: this client has no logging handler, and errors are logged without the URL.
/// </summary>
public sealed class PosterCache(TmdbOptions options, PosterStore store, TimeProvider clock, ILogger<PosterCache> logger) : IDisposable
{
    private const int MaxInMemory = 10_000;

    private readonly HttpClient http = new() { Timeout = options.Timeout };
    private readonly ConcurrentDictionary<(string, string), PosterRecord> memory = new();
    private long hits, lookups;

    /// <summary>Share of lookups answered from a cache level, 0 before the first.</summary>
    public double HitRatio => Interlocked.Read(ref lookups) is var total and > 0 ? (double)Interlocked.Read(ref hits) / total : 0;

    public async Task<(PosterOutcome Outcome, string? PosterUrl)> GetAsync(string tmdbId, string mediaType, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref lookups);
        var now = clock.GetUtcNow();
        if (memory.TryGetValue((tmdbId, mediaType), out var remembered) && now - remembered.FetchedAt < options.CacheTtl)
        {
            Interlocked.Increment(ref hits);
            return Answer(remembered);
        }
        if (await store.GetAsync(tmdbId, mediaType, cancellationToken) is { } stored && now - stored.FetchedAt < options.CacheTtl)
        {
            Interlocked.Increment(ref hits);
            Remember(stored);
            return Answer(stored);
        }
        if (options.ApiKey is null)
        {
            return (PosterOutcome.NotConfigured, null);
        }
        var fetched = await FetchAsync(tmdbId, mediaType, cancellationToken);
        if (fetched is null)
        {
            return (PosterOutcome.UpstreamFailed, null);
        }
        await store.PutAsync(fetched, cancellationToken);
        Remember(fetched);
        return Answer(fetched);
    }

    /// <summary>The poster as TMDB has it; null when TMDB failed (an error status, a timeout, a body that is not its JSON).</summary>
    private async Task<PosterRecord?> FetchAsync(string tmdbId, string mediaType, CancellationToken cancellationToken)
    {
        var key = options.ApiKey!;
        var v4Token = key.Count(c => c == '.') == 2;
        var path = $"{mediaType}/{tmdbId}" + (v4Token ? "" : $"?api_key={Uri.EscapeDataString(key)}");
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(options.BaseUrl, path));
        if (v4Token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return new PosterRecord(tmdbId, mediaType, null, clock.GetUtcNow());
            }
            if (!response.IsSuccessStatusCode)
            {
                logger.LogWarning("TMDB answered {Status} for {MediaType} {TmdbId}", (int)response.StatusCode, mediaType, tmdbId);
                return null;
            }
            using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
            var posterPath = body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty("poster_path", out var found)
                && found.ValueKind == JsonValueKind.String ? found.GetString() : null;
            return new PosterRecord(tmdbId, mediaType, posterPath is { Length: > 0 } ? options.ImageBaseUrl + "/" + posterPath.TrimStart('/') : null, clock.GetUtcNow());
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("TMDB could not be read for {MediaType} {TmdbId}: {Error}", mediaType, tmdbId, ex.GetType().Name);
            return null;
        }
    }

    private void Remember(PosterRecord poster)
    {
        if (memory.Count >= MaxInMemory)
        {
            memory.Clear();
        }
        memory[(poster.TmdbId, poster.MediaType)] = poster;
    }

    private static (PosterOutcome, string?) Answer(PosterRecord poster) =>
        poster.PosterUrl is null ? (PosterOutcome.Unknown, null) : (PosterOutcome.Found, poster.PosterUrl);

    public void Dispose() => http.Dispose();
}
