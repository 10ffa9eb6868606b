using Swarmgrid.Data.Registry;

namespace Swarmgrid.Data.Tests;

/// <summary>The registry read model, run against SQLite and Postgres.</summary>
public abstract class RegistryStoreContract
{
    private static readonly DateTimeOffset T0 = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);

    protected abstract Task<DatabaseSettings> NewDatabaseAsync();

    private async Task<(RegistryStore Registry, SwarmStatsStore Stats)> NewStoresAsync()
    {
        var database = new Database(await NewDatabaseAsync());
        await new DatabaseMigrator(database).ApplyAsync();
        return (new RegistryStore(database), new SwarmStatsStore(database));
    }

    private static string Hash(char c) => new(c, 64);

    [SkippableFact]
    public async Task Upsert_InsertsThenUpdates_KeepingVerifiedAndCounters()
    {
        var (registry, stats) = await NewStoresAsync();
        var hash = Hash('a');

        var created = await registry.UpsertAsync(new RegistryEntryUpsert(hash, "First", Category: "datasets", SwarmKey: hash[..40], Torrent: [1, 2, 3]), T0);
        await stats.WriteAsync(new SwarmStatsRecord(hash[..40], 3, 4, 7), T0);
        var updated = await registry.UpsertAsync(new RegistryEntryUpsert(hash, "Second", Tags: "llm,fp16"), T0.AddMinutes(1));

        Assert.True(created);
        Assert.False(updated);
        var entry = await registry.GetAsync(hash);
        Assert.NotNull(entry);
        Assert.Equal(("Second", null, "llm,fp16"), (entry.Name, entry.Category, entry.Tags));
        Assert.Equal((3, 4, 7L, false), (entry.Seeders, entry.Leechers, entry.Completions, entry.Verified));
        Assert.Equal(T0, entry.CreatedAt);
        Assert.Equal(new byte[] { 1, 2, 3 }, await registry.GetTorrentAsync(hash));
        var many = await stats.GetManyAsync([hash[..40], Hash('f')[..40]]);
        Assert.Equal(new SwarmStatsRecord(hash[..40], 3, 4, 7), Assert.Single(many).Value);
        Assert.Empty(await stats.GetManyAsync([]));
    }

    [SkippableFact]
    public async Task Get_ByTheV1HashOfAHybrid_FindsTheEntry_AndUnknownIsNull()
    {
        var (registry, _) = await NewStoresAsync();
        await registry.UpsertAsync(new RegistryEntryUpsert(Hash('b'), "Hybrid", V1InfoHash: new string('c', 40)), T0);

        Assert.Equal(Hash('b'), (await registry.GetAsync(new string('c', 40)))?.InfoHash);
        Assert.Null(await registry.GetAsync(Hash('d')));
    }

    [SkippableFact]
    public async Task Search_FiltersSortsAndPages_WithTheTotalCount()
    {
        var (registry, stats) = await NewStoresAsync();
        var names = new[] { "Llama Weights v4", "Llama Tokenizer", "Climate 100%", "Other_model" };
        for (var i = 0; i < names.Length; i++)
        {
            var hash = Hash((char)('a' + i));
            await registry.UpsertAsync(new RegistryEntryUpsert(hash, names[i], Category: i < 2 ? "models" : "datasets",
                Publisher: "lab", Tags: i == 0 ? "llm,weights" : "misc", SwarmKey: hash[..40]), T0.AddMinutes(i));
            await stats.WriteAsync(new SwarmStatsRecord(hash[..40], Seeders: 10 - i * 3, Leechers: 0, Completions: i), T0);
        }

        var llama = await registry.SearchAsync(new RegistrySearch(Query: "LLAMA"));
        var models = await registry.SearchAsync(new RegistrySearch(Category: "models", Sort: RegistrySort.Completions));
        var bySeeders = await registry.SearchAsync(new RegistrySearch(Sort: RegistrySort.Seeders, Limit: 2, Offset: 1));
        var literalPercent = await registry.SearchAsync(new RegistrySearch(Query: "100%"));
        var literalUnderscore = await registry.SearchAsync(new RegistrySearch(Query: "r_m"));
        var tagged = await registry.SearchAsync(new RegistrySearch(Tags: "weights"));

        Assert.Equal(["Llama Tokenizer", "Llama Weights v4"], llama.Items.Select(e => e.Name));
        Assert.Equal(2, llama.Total);
        Assert.Equal(["Llama Tokenizer", "Llama Weights v4"], models.Items.Select(e => e.Name));
        Assert.Equal(["Llama Tokenizer", "Climate 100%"], bySeeders.Items.Select(e => e.Name));
        Assert.Equal(4, bySeeders.Total);
        Assert.Equal(["Climate 100%"], literalPercent.Items.Select(e => e.Name));
        Assert.Equal(["Other_model"], literalUnderscore.Items.Select(e => e.Name));
        Assert.Equal(["Llama Weights v4"], tagged.Items.Select(e => e.Name));
    }

    [SkippableFact]
    public async Task DeleteAndBlock_RemovesTheEntry_AndRemembersTheHash()
    {
        var (registry, _) = await NewStoresAsync();
        await registry.UpsertAsync(new RegistryEntryUpsert(Hash('e'), "Gone"), T0);

        Assert.True(await registry.DeleteAndBlockAsync(Hash('e'), "dmca", T0));
        Assert.False(await registry.DeleteAndBlockAsync(Hash('e'), "again", T0));

        Assert.Null(await registry.GetAsync(Hash('e')));
        Assert.True(await registry.IsBlockedAsync(Hash('e')));
        Assert.False(await registry.IsBlockedAsync(Hash('f')));
        Assert.Equal(0, await registry.CountAsync());
    }
}

public sealed class SqliteRegistryStoreTests : RegistryStoreContract
{
    protected override Task<DatabaseSettings> NewDatabaseAsync() => Task.FromResult(DatabaseBackends.NewSqlite());
}

public sealed class PostgresRegistryStoreTests : RegistryStoreContract
{
    protected override Task<DatabaseSettings> NewDatabaseAsync() => DatabaseBackends.NewPostgresAsync();
}
