using Microsoft.Data.Sqlite;
using Npgsql;

namespace Swarmgrid.Data;

/// <summary>Which database backs this process and how to reach it: SQLite under the data directory, or Postgres.</summary>
public sealed record DatabaseSettings(DatabaseKind Kind, string ConnectionString)
{
    /// <summary>The ADO.NET invariant the Orleans providers load. SQLite's maps to Microsoft.Data.Sqlite's factory.</summary>
    public string AdoInvariant => Kind == DatabaseKind.Postgres ? "Npgsql" : "System.Data.SQLite";

    public static DatabaseSettings Create(string? postgresConnectionString, string dataDirectory)
    {
        if (!string.IsNullOrWhiteSpace(postgresConnectionString))
        {
            return ForPostgres(postgresConnectionString);
        }

        Directory.CreateDirectory(dataDirectory);
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = Path.GetFullPath(Path.Combine(dataDirectory, "swarmgrid.db")),
            Pooling = true,
            DefaultTimeout = 30,
        };
        return new DatabaseSettings(DatabaseKind.Sqlite, builder.ConnectionString);
    }

    public static DatabaseSettings ForPostgres(string connectionString)
    {
        // Orleans binds some timestamps without a zone; a UTC session keeps them identical to the stored values.
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.Timezone))
        {
            builder.Timezone = "UTC";
        }
        return new DatabaseSettings(DatabaseKind.Postgres, builder.ConnectionString);
    }
}
