using Swarmgrid.Data.Torrents;

namespace Swarmgrid.Data.Tests;

/// <summary>The client torrents read model (what silos bring back after a restart or a silo's death), run against SQLite and Postgres.</summary>
public abstract class TorrentStoreContract
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    protected abstract Task<DatabaseSettings> NewDatabaseAsync();

    private async Task<TorrentStore> NewStoreAsync()
    {
        var database = new Database(await NewDatabaseAsync());
        await new DatabaseMigrator(database).ApplyAsync();
        return new TorrentStore(database);
    }

    [SkippableFact]
    public async Task Upsert_KeepsTheLatestSiloAndCategory_ListsOldestFirst_AndBySilo()
    {
        var store = await NewStoreAsync();
        var (a, b, c) = (new string('a', 40), new string('b', 40), new string('c', 64));

        await store.UpsertAsync(new TorrentRecord(b, "B", "/data/b", 7, false, T0.AddMinutes(1), "S127.0.0.1:11111:1"), T0);
        await store.UpsertAsync(new TorrentRecord(a, "A", "/data/a", null, true, T0, null), T0);
        await store.UpsertAsync(new TorrentRecord(c, "C", "/data/c", null, false, T0.AddMinutes(2), "S127.0.0.1:11111:1"), T0);
        await store.UpsertAsync(new TorrentRecord(c, "C2", "/data/c", 3, false, T0.AddMinutes(2), "S127.0.0.1:22222:1"), T0.AddMinutes(3));
        await store.DeleteAsync(new string('d', 40));

        var all = await store.ListAsync();
        var onFirst = await store.ListBySiloAsync("S127.0.0.1:11111:1");

        Assert.Equal([a, b, c], all.Select(t => t.InfoHash));
        Assert.Equal(new TorrentRecord(c, "C2", "/data/c", 3, false, T0.AddMinutes(2), "S127.0.0.1:22222:1"), all[2]);
        Assert.Equal((true, (string?)null, (int?)null), (all[0].Paused, all[0].Silo, all[0].CategoryId));
        Assert.Equal([b], onFirst.Select(t => t.InfoHash));
        Assert.Empty(await store.ListBySiloAsync("S127.0.0.1:33333:1"));

        await store.DeleteAsync(b);
        Assert.Empty(await store.ListBySiloAsync("S127.0.0.1:11111:1"));
    }
}

public sealed class SqliteTorrentStoreTests : TorrentStoreContract
{
    protected override Task<DatabaseSettings> NewDatabaseAsync() => Task.FromResult(DatabaseBackends.NewSqlite());
}

public sealed class PostgresTorrentStoreTests : TorrentStoreContract
{
    protected override Task<DatabaseSettings> NewDatabaseAsync() => DatabaseBackends.NewPostgresAsync();
}
