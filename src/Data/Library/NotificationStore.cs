using System.Data.Common;
using Dapper;

namespace Swarmgrid.Data.Library;

/// <summary>Users' notifications.</summary>
public sealed class NotificationStore(Database database)
{
    private const string Columns =
        "id AS Id, user_id AS UserId, type AS Type, message AS Message, info_hash AS InfoHash, want_id AS WantId, read AS Read, created_at AS CreatedAt";

    /// <summary>A user's newest notifications first.</summary>
    public async Task<IReadOnlyList<NotificationRecord>> ListAsync(string userId, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<NotificationRow>(new CommandDefinition(
            $"SELECT {Columns} FROM library_notifications WHERE user_id = @userId ORDER BY created_at DESC, id DESC LIMIT @limit",
            new { userId, limit }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToRecord()).ToList();
    }

    /// <summary>Stores a notification; one whose id is taken already is left as it is.</summary>
    public async Task AddAsync(NotificationRecord notification, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await InsertAsync(connection, null, notification, cancellationToken);
    }

    /// <summary>Marks the user's notification read; null when the user has no such notification.</summary>
    public async Task<NotificationRecord?> MarkReadAsync(string userId, string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE library_notifications SET read = @yes WHERE user_id = @userId AND id = @id", new { userId, id, yes = true },
            cancellationToken: cancellationToken));
        var row = await connection.QuerySingleOrDefaultAsync<NotificationRow>(new CommandDefinition(
            $"SELECT {Columns} FROM library_notifications WHERE user_id = @userId AND id = @id", new { userId, id }, cancellationToken: cancellationToken));
        return row?.ToRecord();
    }

    internal static Task InsertAsync(DbConnection connection, DbTransaction? transaction, NotificationRecord notification, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO library_notifications (id, user_id, type, message, info_hash, want_id, read, created_at)
            VALUES (@Id, @UserId, @Type, @Message, @InfoHash, @WantId, @Read, @CreatedAt)
            ON CONFLICT (id) DO NOTHING
            """, notification, transaction, cancellationToken: cancellationToken));

    // Dapper applies type handlers to properties, not to constructor arguments.
    private sealed class NotificationRow
    {
        public string Id { get; set; } = "";
        public string UserId { get; set; } = "";
        public string Type { get; set; } = "";
        public string Message { get; set; } = "";
        public string? InfoHash { get; set; }
        public string? WantId { get; set; }
        public bool Read { get; set; }
        public DateTimeOffset CreatedAt { get; set; }

        public NotificationRecord ToRecord() => new(Id, UserId, Type, Message, InfoHash, WantId, Read, CreatedAt);
    }
}
