using System.Text.Json;
using System.Text.Json.Nodes;
using Swarmgrid.TestSupport;

namespace Swarmgrid.WebFront.Tests;

/// <summary>
/// A real third-party client of the qBittorrent face: the npm package <c>@ctrl/qbittorrent</c> (the library behind
/// several *arr-style tools), driven by <c>ctrl-client/client.mjs</c> under Node.js against the embedded silo. It signs
/// in, reads the versions and preferences, adds a .torrent with a category and tags, lists by category, reads its
/// properties, sees it complete from a libtorrent seed on loopback, moves it to another category and deletes it with its
/// files.
/// </summary>
[Collection(EmbeddedSiloCollection.Name)]
public sealed class QbittorrentClientLibraryTests(EmbeddedSiloFixture fixture) : IDisposable
{
    private static readonly string ClientFolder = Path.Combine(Repository.Root, "tests", "WebFront.Tests", "Faces", "Qbittorrent", "ctrl-client");
    private readonly string scratch = Directory.CreateTempSubdirectory("swarmgrid-qbt-ctrl-").FullName;

    public void Dispose() => Directory.Delete(scratch, recursive: true);

    [SkippableFact]
    public async Task The_ctrl_qbittorrent_library_adds_lists_watches_complete_recategorises_and_deletes_a_torrent()
    {
        LibtorrentSeed.Require();
        TestEnvironment.Require(File.Exists("/usr/bin/node") || File.Exists("/usr/local/bin/node") || Which("node"), "Node.js not found");
        await EnsurePackagesAsync();

        var content = Path.Combine(scratch, "seed", "episode.mkv");
        Directory.CreateDirectory(Path.GetDirectoryName(content)!);
        var data = new byte[(2 << 20) + 4321];
        new Random(19).NextBytes(data);
        await File.WriteAllBytesAsync(content, data);
        var torrentFile = Path.Combine(scratch, "episode.torrent");
        var announce = new Uri(fixture.BaseAddress, "/announce").ToString();
        await using var seed = await LibtorrentSeed.StartAsync([announce], [(content, torrentFile)], uploadLimit: 0, lifetime: TimeSpan.FromMinutes(3));
        var hash = seed.InfoHashes[0];
        await seed.WaitForAsync(l => l == "seeding 0", TimeSpan.FromSeconds(60));

        var save = Path.Combine(scratch, "downloads");
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var arguments = JsonSerializer.Serialize(new
        {
            baseUrl = fixture.BaseAddress.GetLeftPart(UriPartial.Authority) + "/",
            username = EmbeddedSiloFixture.AdminUser,
            password = EmbeddedSiloFixture.AdminPassword,
            torrent = torrentFile,
            hash,
            savePath = save,
            category = "tv-sonarr-" + suffix,
            otherCategory = "tv-imported-" + suffix,
            tags = new[] { "sonarr", "hd" },
            waitSeconds = 60,
        });
        var output = await RunNodeAsync(arguments);
        var result = JsonNode.Parse(output.Split('\n').Single(l => l.StartsWith("RESULT ", StringComparison.Ordinal))["RESULT ".Length..])!;

        Assert.True((bool)result["login"]!);
        Assert.StartsWith("v5.", (string?)result["appVersion"]);
        Assert.Matches(@"^2\.11\.\d+$", (string?)result["apiVersion"]);
        Assert.Equal(JsonValueKind.String, result["preferences"]!["save_path"]!.GetValueKind());
        Assert.Contains("tv-sonarr-" + suffix, result["categories"]!.AsArray().Select(c => (string?)c));
        Assert.True((bool)result["added"]!);
        Assert.Equal(hash, (string?)result["byCategory"]![0]!["hash"]);
        Assert.Equal(("tv-sonarr-" + suffix, "hd, sonarr"), ((string?)result["byCategory"]![0]!["category"], (string?)result["byCategory"]![0]!["tags"]));
        Assert.Equal((save, (long)data.Length), ((string?)result["properties"]!["save_path"], (long)result["properties"]!["total_size"]!));
        Assert.True((bool)result["completed"]!["isCompleted"]!, result["completed"]!.ToJsonString());
        Assert.Equal(1.0, (double)result["completed"]!["progress"]!);
        Assert.Equal("tv-imported-" + suffix, (string?)result["afterSetCategory"]);
        Assert.True((bool)result["removed"]!);
        Assert.Equal(0, (int)result["afterRemove"]!);
        Assert.False(File.Exists(Path.Combine(save, "episode.mkv")), "deleteFiles left the downloaded file");
    }

    /// <summary>Installs the client's locked packages when <c>.ci/run</c> has not (the local npm registry serves them).</summary>
    private static async Task EnsurePackagesAsync()
    {
        if (!Directory.Exists(Path.Combine(ClientFolder, "node_modules", "@ctrl", "qbittorrent")))
        {
            await ExternalCommand.RunAsync("npm", ["ci", "--prefix", ClientFolder, "--no-audit", "--no-fund", "--loglevel=error"], timeout: TimeSpan.FromMinutes(3));
        }
    }

    private static Task<string> RunNodeAsync(string arguments) =>
        ExternalCommand.RunAsync("node", [Path.Combine(ClientFolder, "client.mjs"), arguments], timeout: TimeSpan.FromMinutes(2));

    private static bool Which(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(dir => File.Exists(Path.Combine(dir, program)));
}
