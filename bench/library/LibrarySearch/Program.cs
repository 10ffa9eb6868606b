using System.Diagnostics;
using Swarmgrid.Data;
using Swarmgrid.Data.Library;

// Fills a fresh library with ITEMS generated release names (both databases when SWARMGRID_TEST_POSTGRES is set), then
// times the search that GET /api/torrents runs (LibraryStore.SearchAsync: count and page) for QUERIES queries of one to
// three words, bounded by SECONDS, and prints p50/p99.
var items = int.Parse(Environment.GetEnvironmentVariable("ITEMS") ?? "100000");
var queries = int.Parse(Environment.GetEnvironmentVariable("QUERIES") ?? "2000");
var seconds = double.Parse(Environment.GetEnvironmentVariable("SECONDS") ?? "60");

string[] words = ["night", "train", "glass", "harbor", "paper", "lantern", "quiet", "orchard", "copper", "sky", "salt", "stone", "northern",
    "line", "kitchen", "table", "aurora", "drift", "field", "marble", "choir", "strings", "orbit", "classics", "algorithms", "birds",
    "debian", "ubuntu", "fedora", "blender", "starfield", "lantern", "ocean", "rally", "pixel", "farmers", "crawl", "weather", "llama",
    "mistral", "whisper", "diffusion", "resnet", "sunset", "waters", "violet", "hours", "arch", "city", "bike", "river", "mountain",
    "winter", "summer", "echo", "signal", "shadow", "garden", "silver", "golden", "iron", "glass", "empire", "legend", "frontier"];
string[] tags = ["1080p", "2160p", "720p", "WEB-DL", "BluRay", "x264", "x265", "FLAC", "MP3", "EPUB", "iso", "gguf", "parquet"];
string[] types = ["movie", "tv", "music", "ebook", "software", "game", "dataset", "model", "other"];

var backends = new List<(string Name, DatabaseSettings Settings)>
{
    ("sqlite", new DatabaseSettings(DatabaseKind.Sqlite, $"Data Source={Path.Combine(Path.GetTempPath(), $"library-bench-{Guid.NewGuid():N}.db")}")),
};
if (Environment.GetEnvironmentVariable("SWARMGRID_TEST_POSTGRES") is { Length: > 0 } postgres)
{
    var name = $"library_bench_{Guid.NewGuid():N}"[..30];
    await using (var admin = new Npgsql.NpgsqlConnection(postgres))
    {
        await admin.OpenAsync();
        await using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE {name}", admin);
        await create.ExecuteNonQueryAsync();
    }
    backends.Add(("postgres", new DatabaseSettings(DatabaseKind.Postgres, new Npgsql.NpgsqlConnectionStringBuilder(postgres) { Database = name }.ConnectionString)));
}

foreach (var (backend, settings) in backends)
{
    var database = new Database(settings);
    await new DatabaseMigrator(database).ApplyAsync();
    var store = new LibraryStore(database);
    var random = new Random(42);
    var fill = Stopwatch.StartNew();
    var now = DateTimeOffset.UtcNow;
    await Parallel.ForEachAsync(Enumerable.Range(0, items), new ParallelOptions { MaxDegreeOfParallelism = backend == "sqlite" ? 1 : 8 }, async (i, _) =>
    {
        var r = new Random(i);
        var name = $"{words[r.Next(words.Length)]}.{words[r.Next(words.Length)]}.{words[r.Next(words.Length)]}.{1990 + r.Next(36)}.{tags[r.Next(tags.Length)]}.{tags[r.Next(tags.Length)]}-G{i % 97}";
        var file = new LibraryFileRecord($"{name}/{words[r.Next(words.Length)]}-{i}.bin", 1000L + i);
        await store.UpsertAsync(new LibraryItemUpsert(Convert.ToHexStringLower(BitConverter.GetBytes((long)i)).PadLeft(40, '0'), null, name,
            name.Replace('.', ' '), types[r.Next(types.Length)], file.SizeBytes, [file], LibraryWords.Join([name, file.Path])), now.AddSeconds(-i));
    });
    Console.WriteLine($"{backend}: {items:N0} items stored in {fill.Elapsed.TotalSeconds:F1} s");

    var timings = new List<double>();
    var deadline = Stopwatch.StartNew();
    long hits = 0;
    for (var q = 0; q < queries && deadline.Elapsed.TotalSeconds < seconds; q++)
    {
        var terms = string.Join(' ', Enumerable.Range(0, 1 + random.Next(3)).Select(_ => words[random.Next(words.Length)][..(3 + random.Next(3))]));
        var type = random.Next(3) == 0 ? types[random.Next(types.Length)] : null;
        var watch = Stopwatch.StartNew();
        var (_, total) = await store.SearchAsync(new LibrarySearch(terms, type, 50, random.Next(3) * 50));
        timings.Add(watch.Elapsed.TotalMilliseconds);
        hits += total;
    }
    timings.Sort();
    double Percentile(double p) => timings[Math.Min(timings.Count - 1, (int)(p * timings.Count))];
    Console.WriteLine($"{backend}: {timings.Count} searches (q of 1-3 word prefixes, a third with content_type, limit 50): "
        + $"p50 {Percentile(0.50):F2} ms, p99 {Percentile(0.99):F2} ms, max {timings[^1]:F2} ms; mean matches {hits / Math.Max(1, timings.Count):N0}");
}
