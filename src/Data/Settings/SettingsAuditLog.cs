using Dapper;

namespace Swarmgrid.Data.Settings;

/// <summary>The settings audit read model. The settings grain is its only writer.</summary>
public sealed class SettingsAuditLog(Database database)
{
    /// <summary>Appends the records; a record whose event id is already stored is skipped, so retries are safe.</summary>
    public async Task AppendAsync(IReadOnlyCollection<SettingsAuditRecord> records, CancellationToken cancellationToken = default)
    {
        if (records.Count == 0)
        {
            return;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(
            """
            INSERT INTO settings_audit (event_id, key, action, old_value, new_value, changed_by, changed_at)
            VALUES (@EventId, @Key, @Action, @OldValue, @NewValue, @ChangedBy, @ChangedAt)
            ON CONFLICT (event_id) DO NOTHING
            """,
            records,
            transaction);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The newest <paramref name="limit"/> records, newest first.</summary>
    public async Task<IReadOnlyList<SettingsAuditRecord>> ListAsync(int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<AuditRow>(new CommandDefinition(
            """
            SELECT event_id AS EventId, key AS Key, action AS Action, old_value AS OldValue, new_value AS NewValue,
                   changed_by AS ChangedBy, changed_at AS ChangedAt
            FROM settings_audit
            ORDER BY id DESC
            LIMIT @limit
            """,
            new { limit },
            cancellationToken: cancellationToken));
        return rows.Select(r => new SettingsAuditRecord(r.EventId, r.Key, r.Action, r.OldValue, r.NewValue, r.ChangedBy, r.ChangedAt)).ToList();
    }

    // Dapper applies type handlers to properties, not to constructor arguments.
    private sealed class AuditRow
    {
        public string EventId { get; set; } = "";
        public string Key { get; set; } = "";
        public string Action { get; set; } = "";
        public string? OldValue { get; set; }
        public string? NewValue { get; set; }
        public string ChangedBy { get; set; } = "";
        public DateTimeOffset ChangedAt { get; set; }
    }
}
