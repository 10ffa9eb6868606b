using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Swarmgrid.Data;

/// <summary>
/// Applies pending migrations and refreshes the Orleans provider statements, once per start.
/// Several processes may start together: Postgres serialises them on an advisory lock, SQLite on a write transaction.
/// </summary>
public sealed class DatabaseMigrator(Database database)
{
    // Any constant shared by every Swarmgrid process; it names the lock, nothing else.
    private const long MigrationLockKey = 0x5357_4152_4D47_5249;

    public async Task<IReadOnlyList<Migration>> ApplyAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        if (database.Kind == DatabaseKind.Sqlite)
        {
            // WAL lets the read models be read while grains write; the setting is stored in the file.
            await connection.ExecuteAsync("PRAGMA journal_mode=WAL");
        }

        await using var transaction = await BeginExclusiveAsync(connection, cancellationToken);
        await connection.ExecuteAsync(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name varchar(200) NOT NULL, applied_at varchar(40) NOT NULL)",
            transaction: transaction);
        var applied = (await connection.QueryAsync<int>("SELECT version FROM schema_migrations", transaction: transaction)).ToHashSet();

        var pending = SqlScripts.Migrations(database.Kind).Where(m => !applied.Contains(m.Version)).ToList();
        foreach (var migration in pending)
        {
            await connection.ExecuteAsync(migration.Sql, transaction: transaction);
            await connection.ExecuteAsync(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @AppliedAt)",
                new { migration.Version, migration.Name, AppliedAt = DateTimeOffset.UtcNow.ToString("O") },
                transaction);
        }

        foreach (var (key, text) in SqlScripts.OrleansQueries(database.Kind))
        {
            await connection.ExecuteAsync(
                "INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES (@key, @text) ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText",
                new { key, text },
                transaction);
        }

        await transaction.CommitAsync(cancellationToken);
        return pending;
    }

    private async Task<DbTransaction> BeginExclusiveAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        if (connection is SqliteConnection sqlite)
        {
            return sqlite.BeginTransaction(deferred: false);
        }

        var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync("SELECT pg_advisory_xact_lock(@MigrationLockKey)", new { MigrationLockKey }, transaction);
        return transaction;
    }
}
