using System.Text;
using System.Text.Json;
using Dapper;

namespace Swarmgrid.Data.Library;

/// <summary>
/// The library's items and evidence. Search is full-text over titles, names and file names: FTS5 in SQLite, a
/// generated <c>tsvector</c> with a GIN index in Postgres; every query word must match as a word prefix.
/// </summary>
public sealed class LibraryStore(Database database)
{
    private const string ItemColumns =
        "i.info_hash AS InfoHash, i.v2_info_hash AS V2InfoHash, i.name AS Name, i.title AS Title, i.content_type AS ContentType, "
        + "i.size_bytes AS SizeBytes, i.file_count AS FileCount, i.created_at AS CreatedAt";

    private const string EvidenceColumns =
        "id AS Id, info_hash AS InfoHash, source AS Source, payload AS Payload, recorded_at AS RecordedAt";

    /// <summary>
    /// Adds the item, or updates it unless the kept one knows more files (a magnet's name never replaces the
    /// metadata already fetched); true when it was added.
    /// </summary>
    public async Task<bool> UpsertAsync(LibraryItemUpsert item, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var files = JsonSerializer.Serialize(item.Files);
        var postgres = database.Kind == DatabaseKind.Postgres;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var values = new
        {
            item.InfoHash, item.V2InfoHash, item.Name, item.Title, item.ContentType, item.SizeBytes, FileCount = item.Files.Count, files,
            item.Words, now,
        };
        var id = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            $"""
            INSERT INTO library_items (info_hash, v2_info_hash, name, title, content_type, size_bytes, file_count, files{(postgres ? ", words" : "")}, created_at, updated_at)
            VALUES (@InfoHash, @V2InfoHash, @Name, @Title, @ContentType, @SizeBytes, @FileCount, @files{(postgres ? ", @Words" : "")}, @now, @now)
            ON CONFLICT (info_hash) DO NOTHING
            RETURNING id
            """, values, transaction, cancellationToken: cancellationToken));
        var created = id is not null;
        if (!created)
        {
            id = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
                """
                UPDATE library_items SET v2_info_hash = COALESCE(@V2InfoHash, v2_info_hash), name = @Name, title = @Title,
                    content_type = @ContentType, size_bytes = @SizeBytes, file_count = @FileCount, files = @files,
                """ + (postgres ? " words = @Words," : "") + """
                    updated_at = @now
                WHERE info_hash = @InfoHash AND file_count <= @FileCount
                RETURNING id
                """, values, transaction, cancellationToken: cancellationToken));
        }
        if (id is not null && !postgres)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM library_search WHERE rowid = @id; INSERT INTO library_search (rowid, words) VALUES (@id, @Words)",
                new { id, item.Words }, transaction, cancellationToken: cancellationToken));
        }
        await transaction.CommitAsync(cancellationToken);
        return created;
    }

    public async Task<long> AddEvidenceAsync(string infoHash, string source, string payload, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "INSERT INTO library_evidence (info_hash, source, payload, recorded_at) VALUES (@infoHash, @source, @payload, @now) RETURNING id",
            new { infoHash, source, payload, now }, cancellationToken: cancellationToken));
    }

    /// <summary>The item whose v1 or v2 hash is <paramref name="infoHash"/>, with its files.</summary>
    public async Task<(LibraryItemRecord Item, IReadOnlyList<LibraryFileRecord> Files)?> GetAsync(string infoHash, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ItemRow>(new CommandDefinition(
            $"SELECT {ItemColumns}, i.files AS Files FROM library_items i WHERE i.info_hash = @infoHash OR i.v2_info_hash = @infoHash LIMIT 1",
            new { infoHash }, cancellationToken: cancellationToken));
        return row is null ? null : (row.ToRecord(), JsonSerializer.Deserialize<List<LibraryFileRecord>>(row.Files) ?? []);
    }

    public async Task<(IReadOnlyList<LibraryItemRecord> Items, long Total)> SearchAsync(LibrarySearch search, CancellationToken cancellationToken = default)
    {
        var words = LibraryWords.Query(search.Query);
        var parameters = new DynamicParameters(new { search.ContentType, search.Limit, search.Offset });
        var where = new StringBuilder(" WHERE 1 = 1");
        var from = " FROM library_items i";
        var order = " ORDER BY i.created_at DESC, i.id DESC";
        if (!string.IsNullOrEmpty(search.ContentType))
        {
            where.Append(" AND i.content_type = @ContentType");
        }
        if (search.AnyContentType is { Count: > 0 } types)
        {
            parameters.Add("types", types.ToArray());
            // Npgsql takes an array as one parameter; Dapper expands a list for SQLite.
            where.Append(database.Kind == DatabaseKind.Postgres ? " AND i.content_type = ANY(@types)" : " AND i.content_type IN @types");
        }
        if (words.Count > 0 && database.Kind == DatabaseKind.Postgres)
        {
            parameters.Add("terms", string.Join(" & ", words.Select(w => w + ":*")));
            where.Append(" AND i.search @@ to_tsquery('simple', @terms)");
            order = " ORDER BY ts_rank(i.search, to_tsquery('simple', @terms)) DESC, i.created_at DESC, i.id DESC";
        }
        else if (words.Count > 0)
        {
            parameters.Add("terms", string.Join(' ', words.Select(w => $"\"{w}\"*")));
            from = " FROM library_items i JOIN (SELECT rowid, rank FROM library_search WHERE library_search MATCH @terms) s ON s.rowid = i.id";
            order = " ORDER BY s.rank, i.created_at DESC, i.id DESC";
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*)" + from + where, parameters, cancellationToken: cancellationToken));
        var rows = total == 0 ? [] : await connection.QueryAsync<ItemRow>(new CommandDefinition(
            $"SELECT {ItemColumns}, '' AS Files" + from + where + order + " LIMIT @Limit OFFSET @Offset", parameters, cancellationToken: cancellationToken));
        return (rows.Select(r => r.ToRecord()).ToList(), total);
    }

    public async Task<IReadOnlyList<LibraryEvidenceRecord>> EvidenceOfAsync(string infoHash, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<EvidenceRow>(new CommandDefinition(
            $"SELECT {EvidenceColumns} FROM library_evidence WHERE info_hash = @infoHash ORDER BY id LIMIT 1000",
            new { infoHash }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToRecord()).ToList();
    }

    /// <summary>Evidence newest first.</summary>
    public async Task<IReadOnlyList<LibraryEvidenceRecord>> ListEvidenceAsync(int limit, int offset, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<EvidenceRow>(new CommandDefinition(
            $"SELECT {EvidenceColumns} FROM library_evidence ORDER BY id DESC LIMIT @limit OFFSET @offset",
            new { limit, offset }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToRecord()).ToList();
    }

    /// <summary>How many evidence records were made since <paramref name="since"/>.</summary>
    public async Task<long> EvidenceSinceAsync(DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM library_evidence WHERE recorded_at >= @since", new { since }, cancellationToken: cancellationToken));
    }

    public async Task<LibraryTotals> TotalsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var byType = (await connection.QueryAsync<(string ContentType, long Count)>(new CommandDefinition(
            "SELECT content_type, COUNT(*) FROM library_items GROUP BY content_type", cancellationToken: cancellationToken)))
            .ToDictionary(r => r.ContentType, r => r.Count);
        var evidence = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM library_evidence", cancellationToken: cancellationToken));
        var lastCrawl = await connection.QuerySingleOrDefaultAsync<LastSeenRow>(new CommandDefinition(
            "SELECT recorded_at AS At FROM library_evidence WHERE source = 'dht' ORDER BY id DESC LIMIT 1", cancellationToken: cancellationToken));
        return new LibraryTotals(byType.Values.Sum(), evidence, byType, lastCrawl?.At);
    }

    // Dapper applies type handlers to properties, not to constructor arguments.
    private sealed class ItemRow
    {
        public string InfoHash { get; set; } = "";
        public string? V2InfoHash { get; set; }
        public string Name { get; set; } = "";
        public string Title { get; set; } = "";
        public string ContentType { get; set; } = "";
        public long SizeBytes { get; set; }
        public int FileCount { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public string Files { get; set; } = "";

        public LibraryItemRecord ToRecord() => new(InfoHash, V2InfoHash, Name, Title, ContentType, SizeBytes, FileCount, CreatedAt);
    }

    private sealed class EvidenceRow
    {
        public long Id { get; set; }
        public string InfoHash { get; set; } = "";
        public string Source { get; set; } = "";
        public string Payload { get; set; } = "";
        public DateTimeOffset RecordedAt { get; set; }

        public LibraryEvidenceRecord ToRecord() => new(Id, InfoHash, Source, Payload, RecordedAt);
    }

    private sealed class LastSeenRow
    {
        public DateTimeOffset At { get; set; }
    }
}
