using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Swarmgrid.Data;

/// <summary>Opens connections to the configured database; one instance per process.</summary>
public sealed class Database : IAsyncDisposable
{
    private readonly NpgsqlDataSource? postgres;

    public Database(DatabaseSettings settings)
    {
        Settings = settings;
        if (settings.Kind == DatabaseKind.Postgres)
        {
            postgres = NpgsqlDataSource.Create(settings.ConnectionString);
        }
        DapperSetup.EnsureConfigured();
    }

    public DatabaseSettings Settings { get; }

    public DatabaseKind Kind => Settings.Kind;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        DbConnection connection = postgres is not null
            ? postgres.CreateConnection()
            : new SqliteConnection(Settings.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            if (connection is SqliteConnection sqlite)
            {
                // In WAL mode NORMAL is still crash-safe for the database; it skips an fsync per commit.
                await using var pragma = sqlite.CreateCommand();
                pragma.CommandText = "PRAGMA synchronous=NORMAL";
                await pragma.ExecuteNonQueryAsync(cancellationToken);
            }
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>True when a round trip to the database succeeds within <paramref name="timeout"/>.</summary>
    public async Task<bool> IsReachableAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            await using var connection = await OpenAsync(cts.Token);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            await command.ExecuteScalarAsync(cts.Token);
            return true;
        }
        catch (Exception ex) when (ex is DbException or OperationCanceledException or TimeoutException or IOException or System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    public ValueTask DisposeAsync() => postgres?.DisposeAsync() ?? ValueTask.CompletedTask;
}
