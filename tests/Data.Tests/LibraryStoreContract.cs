using Swarmgrid.Data.Library;

namespace Swarmgrid.Data.Tests;

/// <summary>The library's items, evidence, search, wants and notifications, run against SQLite and Postgres.</summary>
public abstract class LibraryStoreContract
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    protected abstract Task<DatabaseSettings> NewDatabaseAsync();

    private async Task<Database> NewDatabaseWithSchemaAsync()
    {
        var database = new Database(await NewDatabaseAsync());
        await new DatabaseMigrator(database).ApplyAsync();
        return database;
    }

    private static LibraryItemUpsert Item(char hash, string name, string type, params (string Path, long Size)[] files) =>
        new(new string(hash, 40), null, name, name.Replace('.', ' '), type, files.Sum(f => f.Size),
            files.Select(f => new LibraryFileRecord(f.Path, f.Size)).ToList(), LibraryWords.Join([name, .. files.Select(f => f.Path)]));

    [SkippableFact]
    public async Task Search_MatchesEveryWordAsAPrefix_OverNamesAndFiles_FiltersByType_AndCountsBeforePaging()
    {
        var store = new LibraryStore(await NewDatabaseWithSchemaAsync());
        Assert.True(await store.UpsertAsync(Item('a', "Some.Movie.2026.2160p.WEB-DL.x265", "movie", ("Some.Movie.2026.2160p.mkv", 4000)), T0));
        Assert.True(await store.UpsertAsync(Item('b', "Another.Show.S01E02.1080p", "tv", ("Another.Show.S01E02.mkv", 900)), T0.AddMinutes(1)));
        Assert.True(await store.UpsertAsync(Item('c', "Ubuntu 24.04 Desktop", "software", ("ubuntu-24.04-desktop-amd64.iso", 6000), ("SHA256SUMS", 1)), T0.AddMinutes(2)));
        Assert.True(await store.UpsertAsync(Item('d', "Some Other Movie 2025", "movie", ("movie.mkv", 100)), T0.AddMinutes(3)));

        Assert.Equal([new string('a', 40)], (await store.SearchAsync(new LibrarySearch("some movie 2026", null, 50, 0))).Items.Select(i => i.InfoHash));
        Assert.Equal([new string('c', 40)], (await store.SearchAsync(new LibrarySearch("amd64", null, 50, 0))).Items.Select(i => i.InfoHash));
        Assert.Equal([new string('c', 40)], (await store.SearchAsync(new LibrarySearch("UBUN", null, 50, 0))).Items.Select(i => i.InfoHash));
        // The syntax of FTS5 and tsquery is no syntax here: only the word "or" is searched.
        Assert.Empty((await store.SearchAsync(new LibrarySearch("\"*) OR (' & !:", null, 50, 0))).Items);
        Assert.Equal([new string('b', 40)], (await store.SearchAsync(new LibrarySearch("(s01e02)*", null, 50, 0))).Items.Select(i => i.InfoHash));
        Assert.Empty((await store.SearchAsync(new LibrarySearch("nothing-like-this", null, 50, 0))).Items);

        var movies = await store.SearchAsync(new LibrarySearch("movie", "movie", 1, 0));
        Assert.Equal(2, movies.Total);
        Assert.Single(movies.Items);
        var moviesOrSoftware = await store.SearchAsync(new LibrarySearch(null, null, 10, 0, ["movie", "software"]));
        Assert.Equal(3, moviesOrSoftware.Total);
        var all = await store.SearchAsync(new LibrarySearch(null, null, 2, 1));
        Assert.Equal(4, all.Total);
        Assert.Equal([new string('c', 40), new string('b', 40)], all.Items.Select(i => i.InfoHash));
    }

    [SkippableFact]
    public async Task Upsert_AddsOnce_AndANameOnlySightingNeverReplacesKnownFiles()
    {
        var store = new LibraryStore(await NewDatabaseWithSchemaAsync());
        var hash = new string('e', 40);
        Assert.True(await store.UpsertAsync(Item('e', "magnet name", "other"), T0));
        Assert.False(await store.UpsertAsync(Item('e', "Real.Name.2024", "movie", ("Real.Name.2024.mkv", 700)), T0.AddMinutes(1)));
        Assert.False(await store.UpsertAsync(Item('e', "magnet name again", "other"), T0.AddMinutes(2)));

        var (item, files) = (await store.GetAsync(hash))!.Value;
        Assert.Equal(("Real.Name.2024", "movie", 700L, 1, T0), (item.Name, item.ContentType, item.SizeBytes, item.FileCount, item.CreatedAt));
        Assert.Equal([new LibraryFileRecord("Real.Name.2024.mkv", 700)], files);
        Assert.Single((await store.SearchAsync(new LibrarySearch("real name", null, 10, 0))).Items);
        Assert.Empty((await store.SearchAsync(new LibrarySearch("magnet", null, 10, 0))).Items);
        Assert.Null(await store.GetAsync(new string('f', 40)));
    }

    [SkippableFact]
    public async Task Evidence_IsListedPerTorrentOldestFirst_AndOverallNewestFirst_WithTotals()
    {
        var store = new LibraryStore(await NewDatabaseWithSchemaAsync());
        await store.UpsertAsync(Item('a', "A", "movie"), T0);
        var first = await store.AddEvidenceAsync(new string('a', 40), "registry", """{"name":"A"}""", T0);
        var second = await store.AddEvidenceAsync(new string('a', 40), "dht", "{}", T0.AddMinutes(5));
        await store.AddEvidenceAsync(new string('b', 40), "client", "{}", T0.AddMinutes(6));

        Assert.Equal([first, second], (await store.EvidenceOfAsync(new string('a', 40))).Select(e => e.Id));
        var page = await store.ListEvidenceAsync(2, 0);
        Assert.Equal(["client", "dht"], page.Select(e => e.Source));
        Assert.Equal(("registry", """{"name":"A"}""", T0), (await store.ListEvidenceAsync(5, 2)).Select(e => (e.Source, e.Payload, e.RecordedAt)).Single());
        var totals = await store.TotalsAsync();
        Assert.Equal((1L, 3L, T0.AddMinutes(5)), (totals.Torrents, totals.Evidence, totals.LastCrawlAt));
        Assert.Equal(1, totals.ByContentType["movie"]);
    }

    [SkippableFact]
    public async Task A_want_is_fulfilled_once_with_one_notification_and_belongs_to_its_user()
    {
        var database = await NewDatabaseWithSchemaAsync();
        var (wants, notifications) = (new WantStore(database), new NotificationStore(database));
        var want = new WantRecord("w_1", "u1", "Some Movie", "movie", "some movie", "high", WantRecord.Active, null, false, null, T0, T0);
        await wants.InsertAsync(want);
        await wants.InsertAsync(want with { Id = "w_2", UserId = "u2" });
        Assert.Equal(["w_1"], (await wants.ListAsync("u1")).Select(w => w.Id));
        Assert.Null(await wants.GetAsync("u2", "w_1"));

        var note = new NotificationRecord("n_1", "u1", "want_fulfilled", "Want 'Some Movie' has been fulfilled.", new string('a', 40), "w_1", false, T0);
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => wants.FulfilAsync("w_1", new string('a', 40), note with { Id = $"n_{i}" })));
        Assert.Single(results, won => won);
        Assert.Equal((WantRecord.Fulfilled, new string('a', 40)), ((await wants.GetAsync("u1", "w_1"))!.Status, (await wants.GetAsync("u1", "w_1"))!.MatchedInfoHash));
        Assert.Equal(["w_2"], (await wants.ListActiveAsync()).Select(w => w.Id));

        var listed = Assert.Single(await notifications.ListAsync("u1", 100));
        Assert.False(listed.Read);
        Assert.Null(await notifications.MarkReadAsync("u2", listed.Id));
        Assert.True((await notifications.MarkReadAsync("u1", listed.Id))!.Read);

        await wants.UpdateAsync((await wants.GetAsync("u2", "w_2"))! with { Title = "Renamed", Notes = "n", UpdatedAt = T0.AddHours(1) });
        Assert.Equal(("Renamed", "n"), ((await wants.GetAsync("u2", "w_2"))!.Title, (await wants.GetAsync("u2", "w_2"))!.Notes));
        Assert.False(await wants.DeleteAsync("u1", "w_2"));
        Assert.True(await wants.DeleteAsync("u2", "w_2"));
    }
}

public sealed class SqliteLibraryStoreTests : LibraryStoreContract
{
    protected override Task<DatabaseSettings> NewDatabaseAsync() => Task.FromResult(DatabaseBackends.NewSqlite());
}

public sealed class PostgresLibraryStoreTests : LibraryStoreContract
{
    protected override Task<DatabaseSettings> NewDatabaseAsync() => DatabaseBackends.NewPostgresAsync();
}
