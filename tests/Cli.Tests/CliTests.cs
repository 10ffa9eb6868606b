using System.Text.Json.Nodes;
using Swarmgrid.TestSupport;

namespace Swarmgrid.Cli.Tests;

public sealed class CliTests : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("swarmgrid-cli-").FullName;

    public void Dispose() => Directory.Delete(work, recursive: true);

    private string Folder()
    {
        var folder = Path.Combine(work, "content");
        Directory.CreateDirectory(Path.Combine(folder, "sub"));
        File.WriteAllBytes(Path.Combine(folder, "a.bin"), RandomBytes(300_000, 1));
        File.WriteAllBytes(Path.Combine(folder, "sub", "b.bin"), RandomBytes(70_000, 2));
        return folder;
    }

    private static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    [Theory]
    [InlineData("--v1", "v1")]
    [InlineData("--v2", "v2")]
    [InlineData("--hybrid", "hybrid")]
    public async Task Create_ThenShowJson_DescribesWhatWasAsked(string flag, string version)
    {
        var torrent = Path.Combine(work, "t.torrent");

        var created = await SwarmgridCommand.RunAsync("create", Folder(), flag, "--tracker", "http://127.0.0.1:8080/announce",
            "--tracker", "udp://127.0.0.1:6969/announce", "--web-seed", "http://127.0.0.1/seed/", "--piece-size", "32K",
            "--private", "--comment", "hello", "-o", torrent);
        var shown = await SwarmgridCommand.RunAsync("show", torrent, "--json");

        Assert.Equal(0, created.ExitCode);
        Assert.Equal(0, shown.ExitCode);
        var json = JsonNode.Parse(shown.Output)!;
        Assert.Equal(("content", version, 32768, 370_000L, true), ((string?)json["name"], (string?)json["version"],
            (int)json["piece_length"]!, (long)json["total_size"]!, (bool)json["private"]!));
        Assert.Equal(2, json["trackers"]!.AsArray().Count);
        Assert.Equal("hello", (string?)json["comment"]);
        Assert.Equal(["content/a.bin", "content/sub/b.bin"], json["files"]!.AsArray().Select(f => (string)f!["path"]!));
        Assert.Equal(version != "v2", json["info_hash_v1"] is not null);
        Assert.Equal(version != "v1", json["info_hash_v2"] is not null);
    }

    [Fact]
    public async Task Create_NoDate_GivesTheSameBytesTwice()
    {
        var folder = Folder();
        var first = Path.Combine(work, "1.torrent");
        var second = Path.Combine(work, "2.torrent");

        await SwarmgridCommand.RunAsync("create", folder, "--no-date", "-o", first);
        await SwarmgridCommand.RunAsync("create", folder, "--no-date", "-o", second);

        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
    }

    [Fact]
    public async Task Magnet_OfAHybrid_CarriesBothHashes()
    {
        var torrent = Path.Combine(work, "h.torrent");
        await SwarmgridCommand.RunAsync("create", Folder(), "--hybrid", "-t", "http://127.0.0.1:8080/announce", "-o", torrent);
        var json = JsonNode.Parse((await SwarmgridCommand.RunAsync("show", torrent, "--json")).Output)!;

        var magnet = await SwarmgridCommand.RunAsync("magnet", torrent);

        Assert.Equal(0, magnet.ExitCode);
        Assert.StartsWith($"magnet:?xt=urn:btih:{json["info_hash_v1"]}&xt=urn:btmh:1220{json["info_hash_v2"]}&dn=content", magnet.Output);
        Assert.Contains("&tr=http%3A%2F%2F127.0.0.1%3A8080%2Fannounce", magnet.Output);
    }

    [Fact]
    public async Task Verify_ReportsGoodBadAndMissingPieces_WithItsExitCode()
    {
        var folder = Folder();
        var torrent = Path.Combine(work, "v.torrent");
        await SwarmgridCommand.RunAsync("create", folder, "--v1", "--piece-size", "16K", "-o", torrent);

        var good = await SwarmgridCommand.RunAsync("verify", torrent, folder);
        var data = File.ReadAllBytes(Path.Combine(folder, "a.bin"));
        data[100] ^= 0xff;
        File.WriteAllBytes(Path.Combine(folder, "a.bin"), data);
        var bad = await SwarmgridCommand.RunAsync("verify", torrent, folder);
        File.Delete(Path.Combine(folder, "sub", "b.bin"));
        var missing = await SwarmgridCommand.RunAsync("verify", torrent, work);

        Assert.Equal(0, good.ExitCode);
        Assert.Contains("23 good, 0 bad, 0 missing of 23 pieces", good.Output);
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("22 good, 1 bad, 0 missing", bad.Output);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("1 bad, 5 missing", missing.Output);
    }

    [Theory]
    [InlineData("garbage", "is not a valid torrent")]
    [InlineData(null, "cannot read")]
    public async Task Show_UnreadableOrMalformedFile_FailsWithOneLine(string? content, string message)
    {
        var torrent = Path.Combine(work, "bad.torrent");
        if (content is not null)
        {
            File.WriteAllText(torrent, content);
        }

        var shown = await SwarmgridCommand.RunAsync("show", torrent);

        Assert.Equal(2, shown.ExitCode);
        Assert.Contains(message, shown.Error);
        Assert.Single(shown.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("swarmgrid: ", shown.Error);
    }

    [Theory]
    [InlineData("--encryption", "sometimes", "is not prefer, require or off")]
    [InlineData("--dht-bootstrap", "router.example", "is not host:port")]
    [InlineData("--dht-bootstrap", "127.0.0.1:0", "is not host:port")]
    public async Task Download_BadNetworkOptions_FailWithOneLine(string option, string value, string message)
    {
        var magnet = "magnet:?xt=urn:btih:" + new string('a', 40);

        var result = await SwarmgridCommand.RunAsync("download", magnet, "-o", Path.Combine(work, "dl"), "--bind", "127.0.0.1", option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"swarmgrid: {option} {value} {message}", result.Error.Trim());
    }

    [Theory]
    [InlineData("--piece-size", "1000")]
    [InlineData("--v1", "--v2")]
    public async Task Create_BadOptions_FailWithOneLine(string option, string value)
    {
        var result = await SwarmgridCommand.RunAsync("create", Folder(), option, value, "-o", Path.Combine(work, "x.torrent"));

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("swarmgrid: ", result.Error);
    }

    [SkippableFact]
    public async Task CreatedTorrents_LoadInLibtorrentAndTransmission_WithTheSameHashes()
    {
        TestEnvironment.Require(File.Exists("/usr/bin/transmission-show"), "transmission-show is not installed (transmission-cli)");
        var folder = Folder();
        var v1 = Path.Combine(work, "v1.torrent");
        var hybrid = Path.Combine(work, "h.torrent");
        await SwarmgridCommand.RunAsync("create", folder, "--v1", "-o", v1);
        await SwarmgridCommand.RunAsync("create", folder, "--hybrid", "-o", hybrid);
        var v1Json = JsonNode.Parse((await SwarmgridCommand.RunAsync("show", v1, "--json")).Output)!;
        var hybridJson = JsonNode.Parse((await SwarmgridCommand.RunAsync("show", hybrid, "--json")).Output)!;

        var transmission = await ExternalCommand.RunAsync("/usr/bin/transmission-show", [v1]);
        var libtorrent = await ExternalCommand.RunAsync("/usr/bin/python3",
            ["-c", "import sys, libtorrent as lt; h = lt.torrent_info(sys.argv[1]).info_hashes(); print(h.v1, h.v2)", hybrid]);

        Assert.Contains($"Hash: {v1Json["info_hash_v1"]}", transmission);
        Assert.Equal($"{hybridJson["info_hash_v1"]} {hybridJson["info_hash_v2"]}", libtorrent.Trim());
    }
}
