using Dapper;
using Swarmgrid.Data.Settings;

namespace Swarmgrid.Data.Tests;

/// <summary>One behaviour, two dialects: every test here runs against SQLite and against Postgres.</summary>
public abstract class DatabaseContract
{
    private static readonly string[] ProviderQueryKeys =
    [
        "ReadFromStorageKey", "WriteToStorageKey", "ClearStorageKey",
        "ReadReminderRowsKey", "ReadReminderRowKey", "ReadRangeRows1Key", "ReadRangeRows2Key",
        "UpsertReminderRowKey", "DeleteReminderRowKey", "DeleteReminderRowsKey",
    ];

    protected abstract Task<DatabaseSettings> NewDatabaseAsync();

    protected virtual IEnumerable<string> DialectQueryKeys => [];

    [SkippableFact]
    public async Task Migrate_Twice_AppliesEachMigrationOnce()
    {
        await using var database = new Database(await NewDatabaseAsync());
        var migrator = new DatabaseMigrator(database);

        var first = await migrator.ApplyAsync();
        var second = await migrator.ApplyAsync();

        Assert.NotEmpty(first);
        Assert.Empty(second);
        await using var connection = await database.OpenAsync();
        var versions = (await connection.QueryAsync<int>("SELECT version FROM schema_migrations ORDER BY version")).ToList();
        Assert.Equal(first.Select(m => m.Version), versions);
    }

    [SkippableFact]
    public async Task Migrate_FromSeveralProcessesAtOnce_AppliesEachMigrationOnce()
    {
        var settings = await NewDatabaseAsync();
        var databases = Enumerable.Range(0, 4).Select(_ => new Database(settings)).ToList();

        var results = await Task.WhenAll(databases.Select(db => new DatabaseMigrator(db).ApplyAsync()));

        var applied = results.SelectMany(r => r).ToList();
        Assert.Equal(applied.Select(m => m.Version).Distinct().Count(), applied.Count);
        Assert.Contains(results, r => r.Count > 0);
        foreach (var db in databases)
        {
            await db.DisposeAsync();
        }
    }

    [SkippableFact]
    public async Task Migrate_InstallsEveryOrleansProviderStatement()
    {
        await using var database = new Database(await NewDatabaseAsync());
        await new DatabaseMigrator(database).ApplyAsync();

        await using var connection = await database.OpenAsync();
        var keys = (await connection.QueryAsync<string>("SELECT QueryKey FROM OrleansQuery")).ToHashSet();
        foreach (var key in ProviderQueryKeys.Concat(DialectQueryKeys))
        {
            Assert.Contains(key, keys);
        }
    }

    [SkippableFact]
    public async Task AuditLog_ListsNewestFirst_WithValuesAndTimesAsWritten()
    {
        var log = await NewAuditLogAsync();
        var start = new DateTimeOffset(2026, 4, 27, 11, 0, 0, 123, TimeSpan.Zero);
        await log.AppendAsync([Record("a", start, "3600", "1800"), Record("b", start.AddSeconds(1), "1800", null)]);
        await log.AppendAsync([Record("c", start.AddSeconds(2), null, "\"text\"")]);

        var listed = await log.ListAsync(10);

        Assert.Equal(["c", "b", "a"], listed.Select(r => r.Key));
        Assert.Equal(start, listed[2].ChangedAt);
        Assert.Equal("3600", listed[2].OldValue);
        Assert.Equal("1800", listed[2].NewValue);
        Assert.Null(listed[1].NewValue);
        Assert.Equal("\"text\"", listed[0].NewValue);
    }

    [SkippableFact]
    public async Task AuditLog_SameEventTwice_IsStoredOnce()
    {
        var log = await NewAuditLogAsync();
        var record = Record("k", DateTimeOffset.UtcNow, "1", "2");

        await log.AppendAsync([record]);
        await log.AppendAsync([record]);

        Assert.Single(await log.ListAsync(10));
    }

    [SkippableFact]
    public async Task AuditLog_List_HonoursTheLimit()
    {
        var log = await NewAuditLogAsync();
        var now = DateTimeOffset.UtcNow;
        await log.AppendAsync(Enumerable.Range(0, 5).Select(i => Record($"k{i}", now.AddSeconds(i), null, $"{i}")).ToList());

        var listed = await log.ListAsync(2);

        Assert.Equal(["k4", "k3"], listed.Select(r => r.Key));
    }

    [SkippableFact]
    public async Task IsReachable_OnAMigratedDatabase_IsTrue()
    {
        await using var database = new Database(await NewDatabaseAsync());
        Assert.True(await database.IsReachableAsync(TimeSpan.FromSeconds(5)));
    }

    private async Task<SettingsAuditLog> NewAuditLogAsync()
    {
        var database = new Database(await NewDatabaseAsync());
        await new DatabaseMigrator(database).ApplyAsync();
        return new SettingsAuditLog(database);
    }

    private static SettingsAuditRecord Record(string key, DateTimeOffset at, string? oldValue, string? newValue) =>
        new(Guid.NewGuid().ToString("N"), key, "override_set", oldValue, newValue, "tester", at);
}

public sealed class SqliteDatabaseTests : DatabaseContract
{
    protected override Task<DatabaseSettings> NewDatabaseAsync() => Task.FromResult(DatabaseBackends.NewSqlite());
}

public sealed class PostgresDatabaseTests : DatabaseContract
{
    protected override Task<DatabaseSettings> NewDatabaseAsync() => DatabaseBackends.NewPostgresAsync();

    protected override IEnumerable<string> DialectQueryKeys =>
    [
        "GatewaysQueryKey", "MembershipReadRowKey", "MembershipReadAllKey", "InsertMembershipVersionKey",
        "UpdateIAmAlivetimeKey", "InsertMembershipKey", "UpdateMembershipKey", "DeleteMembershipTableEntriesKey",
        "CleanupDefunctSiloEntriesKey",
    ];

    [SkippableFact]
    public async Task IsReachable_WhenNothingListens_IsFalse()
    {
        var closedPort = Swarmgrid.TestSupport.FreePort.Next();
        await using var database = new Database(DatabaseSettings.ForPostgres($"Host=127.0.0.1;Port={closedPort};Username=postgres"));
        Assert.False(await database.IsReachableAsync(TimeSpan.FromSeconds(5)));
    }
}
