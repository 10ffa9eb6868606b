using System.Text;
using Dapper;

namespace Swarmgrid.Data.Registry;

/// <summary>
/// The registry read model. Registry grains are its only writers (one per entry); the web front reads it for
/// lookups and searches, joined with the swarm figures the swarm grains write.
/// </summary>
public sealed class RegistryStore(Database database)
{
    private const string SelectEntry =
        """
        SELECT r.info_hash AS InfoHash, r.v1_info_hash AS V1InfoHash, r.swarm_key AS SwarmKey, r.name AS Name,
               r.description AS Description, r.publisher AS Publisher, r.license AS License, r.size AS Size,
               r.category AS Category, r.tags AS Tags, r.verified AS Verified, r.created_at AS CreatedAt,
               COALESCE(s.completions, 0) AS Completions, COALESCE(s.seeders, 0) AS Seeders, COALESCE(s.leechers, 0) AS Leechers
        FROM registry_entries r
        LEFT JOIN swarm_stats s ON s.swarm_key = r.swarm_key
        """;

    /// <summary>Inserts or updates every given field, keeping <c>verified</c> and the counters; true when inserted.</summary>
    public async Task<bool> UpsertAsync(RegistryEntryUpsert entry, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var exists = await connection.ExecuteScalarAsync<int>(
            "SELECT COUNT(*) FROM registry_entries WHERE info_hash = @InfoHash", new { entry.InfoHash }, transaction) > 0;
        await connection.ExecuteAsync(
            """
            INSERT INTO registry_entries AS r (info_hash, v1_info_hash, swarm_key, name, description, publisher, license, size,
                                               category, tags, torrent, meta, created_at, updated_at)
            VALUES (@InfoHash, @V1InfoHash, @SwarmKey, @Name, @Description, @Publisher, @License, @Size,
                    @Category, @Tags, @Torrent, @Meta, @Now, @Now)
            ON CONFLICT (info_hash) DO UPDATE SET
                v1_info_hash = COALESCE(excluded.v1_info_hash, r.v1_info_hash),
                swarm_key = COALESCE(excluded.swarm_key, r.swarm_key),
                name = excluded.name, description = excluded.description, publisher = excluded.publisher,
                license = excluded.license, size = excluded.size, category = excluded.category, tags = excluded.tags,
                torrent = COALESCE(excluded.torrent, r.torrent), meta = COALESCE(excluded.meta, r.meta),
                updated_at = excluded.updated_at
            """,
            new
            {
                entry.InfoHash, entry.V1InfoHash, entry.SwarmKey, entry.Name, entry.Description, entry.Publisher,
                entry.License, entry.Size, entry.Category, entry.Tags, entry.Torrent, entry.Meta, Now = now,
            },
            transaction);
        await transaction.CommitAsync(cancellationToken);
        return !exists;
    }

    /// <summary>Marks the entry verified by an admin (or not); false when there is no such entry.</summary>
    public async Task<bool> SetVerifiedAsync(string infoHash, bool verified, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE registry_entries SET verified = @verified, updated_at = @now WHERE info_hash = @infoHash",
            new { infoHash, verified, now }, cancellationToken: cancellationToken)) > 0;
    }

    /// <summary>The entry whose hash (or v1 hash, for hybrids) is <paramref name="infoHash"/>.</summary>
    public async Task<RegistryEntryRecord?> GetAsync(string infoHash, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<RegistryEntryRecord>(new CommandDefinition(
            SelectEntry + " WHERE r.info_hash = @infoHash OR r.v1_info_hash = @infoHash ORDER BY CASE WHEN r.info_hash = @infoHash THEN 0 ELSE 1 END LIMIT 1",
            new { infoHash }, cancellationToken: cancellationToken));
    }

    public async Task<(IReadOnlyList<RegistryEntryRecord> Items, long Total)> SearchAsync(
        RegistrySearch search, CancellationToken cancellationToken = default)
    {
        var where = new StringBuilder(" WHERE 1 = 1");
        var parameters = new DynamicParameters();
        if (!string.IsNullOrEmpty(search.Query))
        {
            where.Append(" AND lower(r.name) LIKE @query ESCAPE '\\'");
            parameters.Add("query", Contains(search.Query));
        }
        if (!string.IsNullOrEmpty(search.Tags))
        {
            where.Append(" AND lower(r.tags) LIKE @tags ESCAPE '\\'");
            parameters.Add("tags", Contains(search.Tags));
        }
        if (!string.IsNullOrEmpty(search.Category))
        {
            where.Append(" AND r.category = @category");
            parameters.Add("category", search.Category);
        }
        if (!string.IsNullOrEmpty(search.Publisher))
        {
            where.Append(" AND r.publisher = @publisher");
            parameters.Add("publisher", search.Publisher);
        }
        var order = search.Sort switch
        {
            RegistrySort.Completions => " ORDER BY Completions DESC, r.created_at DESC, r.info_hash",
            RegistrySort.Seeders => " ORDER BY Seeders DESC, r.created_at DESC, r.info_hash",
            _ => " ORDER BY r.created_at DESC, r.info_hash",
        };
        parameters.Add("limit", search.Limit);
        parameters.Add("offset", search.Offset);

        await using var connection = await database.OpenAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM registry_entries r" + where, parameters, cancellationToken: cancellationToken));
        var items = await connection.QueryAsync<RegistryEntryRecord>(new CommandDefinition(
            SelectEntry + where + order + " LIMIT @limit OFFSET @offset", parameters, cancellationToken: cancellationToken));
        return (items.ToList(), total);
    }

    /// <summary>Removes the entry and puts the hash on the blocklist; true when an entry was removed.</summary>
    public async Task<bool> DeleteAndBlockAsync(string infoHash, string? reason, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var removed = await connection.ExecuteAsync("DELETE FROM registry_entries WHERE info_hash = @infoHash", new { infoHash }, transaction);
        await connection.ExecuteAsync(
            """
            INSERT INTO registry_blocklist (info_hash, reason, blocked_at) VALUES (@infoHash, @reason, @now)
            ON CONFLICT (info_hash) DO UPDATE SET reason = excluded.reason, blocked_at = excluded.blocked_at
            """,
            new { infoHash, reason, now }, transaction);
        await transaction.CommitAsync(cancellationToken);
        return removed > 0;
    }

    public async Task<bool> IsBlockedAsync(string infoHash, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM registry_blocklist WHERE info_hash = @infoHash", new { infoHash }, cancellationToken: cancellationToken)) > 0;
    }

    public async Task<byte[]?> GetTorrentAsync(string infoHash, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<byte[]?>(new CommandDefinition(
            "SELECT torrent FROM registry_entries WHERE (info_hash = @infoHash OR v1_info_hash = @infoHash) AND torrent IS NOT NULL LIMIT 1",
            new { infoHash }, cancellationToken: cancellationToken));
    }

    public async Task<string?> GetMetaAsync(string infoHash, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT meta FROM registry_entries WHERE (info_hash = @infoHash OR v1_info_hash = @infoHash) AND meta IS NOT NULL LIMIT 1",
            new { infoHash }, cancellationToken: cancellationToken));
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM registry_entries", cancellationToken: cancellationToken));
    }

    private static string Contains(string text) =>
        "%" + text.ToLowerInvariant().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
}
