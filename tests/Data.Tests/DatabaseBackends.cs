using Swarmgrid.TestSupport;

namespace Swarmgrid.Data.Tests;

/// <summary>Fresh, empty databases of each kind; every test gets its own.</summary>
public static class DatabaseBackends
{
    public static DatabaseSettings NewSqlite() =>
        DatabaseSettings.Create(null, Path.Combine(Path.GetTempPath(), "swarmgrid-data-tests", Guid.NewGuid().ToString("N")));

    public static async Task<DatabaseSettings> NewPostgresAsync() =>
        DatabaseSettings.ForPostgres(await TestPostgres.CreateDatabaseAsync());
}
