using Dapper;

namespace Swarmgrid.Data.Library;

/// <summary>Users' wants, and the one step that fulfils a want and notifies its owner together.</summary>
public sealed class WantStore(Database database)
{
    private const string Columns =
        "id AS Id, user_id AS UserId, title AS Title, content_type AS ContentType, query AS Query, priority AS Priority, status AS Status, "
        + "notes AS Notes, auto_add AS AutoAdd, matched_info_hash AS MatchedInfoHash, created_at AS CreatedAt, updated_at AS UpdatedAt";

    /// <summary>A user's wants, oldest first.</summary>
    public async Task<IReadOnlyList<WantRecord>> ListAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<WantRow>(new CommandDefinition(
            $"SELECT {Columns} FROM library_wants WHERE user_id = @userId ORDER BY created_at, id LIMIT 10000", new { userId }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToRecord()).ToList();
    }

    public async Task<WantRecord?> GetAsync(string userId, string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<WantRow>(new CommandDefinition(
            $"SELECT {Columns} FROM library_wants WHERE user_id = @userId AND id = @id", new { userId, id }, cancellationToken: cancellationToken));
        return row?.ToRecord();
    }

    /// <summary>Every active want of every user, for matching new library items.</summary>
    public async Task<IReadOnlyList<WantRecord>> ListActiveAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<WantRow>(new CommandDefinition(
            $"SELECT {Columns} FROM library_wants WHERE status = 'active' ORDER BY created_at, id", cancellationToken: cancellationToken));
        return rows.Select(r => r.ToRecord()).ToList();
    }

    /// <summary>Stores a new want; a want whose id is taken already is left as it is.</summary>
    public async Task InsertAsync(WantRecord want, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO library_wants (id, user_id, title, content_type, query, priority, status, notes, auto_add, matched_info_hash, created_at, updated_at)
            VALUES (@Id, @UserId, @Title, @ContentType, @Query, @Priority, @Status, @Notes, @AutoAdd, @MatchedInfoHash, @CreatedAt, @UpdatedAt)
            ON CONFLICT (id) DO NOTHING
            """, want, cancellationToken: cancellationToken));
    }

    public async Task UpdateAsync(WantRecord want, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE library_wants SET title = @Title, content_type = @ContentType, query = @Query, priority = @Priority, status = @Status,
                notes = @Notes, auto_add = @AutoAdd, updated_at = @UpdatedAt
            WHERE id = @Id AND user_id = @UserId
            """, want, cancellationToken: cancellationToken));
    }

    public async Task<bool> DeleteAsync(string userId, string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM library_wants WHERE user_id = @userId AND id = @id", new { userId, id }, cancellationToken: cancellationToken)) > 0;
    }

    /// <summary>
    /// Marks the want fulfilled by <paramref name="infoHash"/> and stores <paramref name="notification"/>, in one
    /// transaction and only while the want is still active: of racing matches exactly one wins. True for the winner.
    /// </summary>
    public async Task<bool> FulfilAsync(string wantId, string infoHash, NotificationRecord notification, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var won = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE library_wants SET status = 'fulfilled', matched_info_hash = @infoHash, updated_at = @at WHERE id = @wantId AND status = 'active'",
            new { wantId, infoHash, at = notification.CreatedAt }, transaction, cancellationToken: cancellationToken)) > 0;
        if (won)
        {
            await NotificationStore.InsertAsync(connection, transaction, notification, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return won;
    }

    // Dapper applies type handlers to properties, not to constructor arguments.
    private sealed class WantRow
    {
        public string Id { get; set; } = "";
        public string UserId { get; set; } = "";
        public string Title { get; set; } = "";
        public string ContentType { get; set; } = "";
        public string Query { get; set; } = "";
        public string Priority { get; set; } = "";
        public string Status { get; set; } = "";
        public string? Notes { get; set; }
        public bool AutoAdd { get; set; }
        public string? MatchedInfoHash { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset UpdatedAt { get; set; }

        public WantRecord ToRecord() =>
            new(Id, UserId, Title, ContentType, Query, Priority, Status, Notes, AutoAdd, MatchedInfoHash, CreatedAt, UpdatedAt);
    }
}
