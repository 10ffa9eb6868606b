using Dapper;

namespace Swarmgrid.Data.Library;

/// <summary>A poster URL as last fetched; <see cref="PosterUrl"/> null when TMDB did not know the id or had no poster.</summary>
public sealed record PosterRecord(string TmdbId, string MediaType, string? PosterUrl, DateTimeOffset FetchedAt);

/// <summary>The database level of the poster cache, shared by every web front.</summary>
public sealed class PosterStore(Database database)
{
    public async Task<PosterRecord?> GetAsync(string tmdbId, string mediaType, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<PosterRow>(new CommandDefinition(
            "SELECT tmdb_id AS TmdbId, media_type AS MediaType, poster_url AS PosterUrl, fetched_at AS FetchedAt FROM library_posters WHERE tmdb_id = @tmdbId AND media_type = @mediaType",
            new { tmdbId, mediaType }, cancellationToken: cancellationToken));
        return row is null ? null : new PosterRecord(row.TmdbId, row.MediaType, row.PosterUrl, row.FetchedAt);
    }

    public async Task PutAsync(PosterRecord poster, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO library_posters (tmdb_id, media_type, poster_url, fetched_at) VALUES (@TmdbId, @MediaType, @PosterUrl, @FetchedAt)
            ON CONFLICT (tmdb_id, media_type) DO UPDATE SET poster_url = excluded.poster_url, fetched_at = excluded.fetched_at
            """, poster, cancellationToken: cancellationToken));
    }

    // Dapper applies type handlers to properties, not to constructor arguments.
    private sealed class PosterRow
    {
        public string TmdbId { get; set; } = "";
        public string MediaType { get; set; } = "";
        public string? PosterUrl { get; set; }
        public DateTimeOffset FetchedAt { get; set; }
    }
}
