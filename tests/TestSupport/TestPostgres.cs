using Npgsql;

namespace Swarmgrid.TestSupport;

/// <summary>
/// Fresh Postgres databases for tests: on the server named by <c>SWARMGRID_TEST_POSTGRES</c> (what .ci/run exports),
/// otherwise on a private server started from the Debian binaries for this test process.
/// </summary>
public static class TestPostgres
{
    private static readonly Lazy<Task<string?>> AdminConnectionString = new(ResolveAsync);
    private static PrivatePostgres? privateServer;

    public static async Task<string> CreateDatabaseAsync()
    {
        var admin = await AdminConnectionString.Value;
        TestEnvironment.Require(admin is not null,
            "PostgreSQL is not available: set SWARMGRID_TEST_POSTGRES or install the postgresql package");

        var name = "swarmgrid_test_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    private static async Task<string?> ResolveAsync()
    {
        if (Environment.GetEnvironmentVariable("SWARMGRID_TEST_POSTGRES") is { Length: > 0 } configured)
        {
            return configured;
        }
        if (PrivatePostgres.FindBinDirectory() is null)
        {
            return null;
        }

        privateServer = await PrivatePostgres.StartNewAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => privateServer.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return privateServer.ConnectionString;
    }
}
