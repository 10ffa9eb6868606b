using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Swarmgrid.TestSupport;

namespace Swarmgrid.WebFront.Tests;

/// <summary>
/// The client face end to end, over HTTP and its socket only: a real libtorrent seeds two torrents on loopback
/// announcing to the embedded silo's own tracker; a signed-in Mosaic client uploads one as a .torrent and adds the other
/// as a magnet link, watches both complete through <c>GET /torrents</c> and <c>/ws</c>, and pauses, resumes, rechecks
/// and deletes them, checking what the engine does each time.
/// </summary>
[Collection(EmbeddedSiloCollection.Name)]
public sealed class ClientTorrentsEndToEndTests(EmbeddedSiloFixture fixture) : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly string scratch = Directory.CreateTempSubdirectory("swarmgrid-client-e2e-").FullName;

    [SkippableFact]
    public async Task A_torrent_file_and_a_magnet_download_from_libtorrent_and_obey_pause_resume_recheck_and_delete()
    {
        LibtorrentSeed.Require();
        var alpha = Path.Combine(scratch, "seed", "alpha.bin");
        var beta = Path.Combine(scratch, "seed", "beta");
        Write(alpha, 3 << 20, 1);
        Write(Path.Combine(beta, "one.bin"), 2 << 20, 2);
        Write(Path.Combine(beta, "two.bin"), (1 << 20) + 12345, 3);
        var announce = new Uri(fixture.BaseAddress, "/announce").ToString();
        // Slow enough that a pause lands mid-download; lifted once the pause has been seen.
        await using var seed = await LibtorrentSeed.StartAsync([announce],
            [(alpha, Path.Combine(scratch, "alpha.torrent")), (beta, Path.Combine(scratch, "beta.torrent"))], uploadLimit: 512 << 10, lifetime: TimeSpan.FromMinutes(4));
        var (alphaId, betaId) = (seed.InfoHashes[0], seed.InfoHashes[1]);
        await seed.WaitForAsync(l => l == "seeding 1", Deadline);
        await WaitForTrackerSeedAsync(alphaId);
        await WaitForTrackerSeedAsync(betaId);

        var cookies = new CookieContainer();
        using var mosaic = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = fixture.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        mosaic.DefaultRequestHeaders.Add("Origin", fixture.BaseAddress.GetLeftPart(UriPartial.Authority));
        var login = await mosaic.PostAsJsonAsync("/client/api/login", new { username = EmbeddedSiloFixture.AdminUser, password = EmbeddedSiloFixture.AdminPassword });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var wsUri = new UriBuilder(fixture.BaseAddress) { Scheme = "ws", Path = "/client/api/ws" }.Uri;
        await using var socket = await FrameSocket.ConnectAsync(wsUri, cookies, fixture.BaseAddress.GetLeftPart(UriPartial.Authority));

        var alphaSave = Path.Combine(scratch, "leech-alpha");
        var betaSave = Path.Combine(scratch, "leech-beta");
        using var upload = new MultipartFormDataContent
        {
            { new ByteArrayContent(await File.ReadAllBytesAsync(Path.Combine(scratch, "alpha.torrent"))), "file", "alpha.torrent" },
            { new StringContent(alphaSave), "save_path" },
        };
        var uploaded = await mosaic.PostAsync("/client/api/torrents/file", upload);
        var magnet = $"magnet:?xt=urn:btih:{betaId}&dn=beta&tr={Uri.EscapeDataString(announce)}";
        var added = await mosaic.PostAsJsonAsync("/client/api/torrents/magnet", new { magnet, save_path = betaSave });
        var again = await mosaic.PostAsJsonAsync("/client/api/torrents/magnet", new { magnet, save_path = "/elsewhere" });
        var focused = await mosaic.PostAsJsonAsync("/client/api/inspector/focus", new { id = alphaId, tabs = new[] { "overview", "files", "peers", "trackers" } });

        Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);
        Assert.Equal(alphaId, (string?)(await uploaded.Content.ReadFromJsonAsync<JsonObject>())!["id"]);
        Assert.Equal(betaId, (string?)(await added.Content.ReadFromJsonAsync<JsonObject>())!["id"]);
        Assert.Equal((HttpStatusCode.OK, betaId), (again.StatusCode, (string?)(await again.Content.ReadFromJsonAsync<JsonObject>())!["id"]));
        Assert.Equal(HttpStatusCode.OK, focused.StatusCode);

        // Pause in the middle of the download: the engine drops its peers and stops receiving.
        await UntilAsync(mosaic, list => Torrent(list, alphaId) is { } t && (long)t["bytes_done"]! > 0 && (int)t["peers"]! > 0, "alpha downloading");
        var inspectedPeer = await socket.WaitForAsync(f => Type(f) == "inspector:tick" && f["data"]!["peers_list"]!.AsArray().Count > 0, Deadline,
            "a peer in the inspector");
        await Eventually(() => seed.PeersOf(0).Count > 0, "libtorrent connected to the engine");
        Assert.Equal(HttpStatusCode.OK, (await mosaic.PostAsync($"/client/api/torrents/{alphaId}/pause", null)).StatusCode);
        var paused = await UntilAsync(mosaic, list => Torrent(list, alphaId) is { } t && (bool)t["paused"]! && (int)t["peers"]! == 0, "alpha paused");
        await Eventually(() => seed.PeersOf(0).Count == 0, "libtorrent lost the engine as a peer");
        var doneWhenPaused = (long)Torrent(paused, alphaId)!["bytes_done"]!;
        await Task.Delay(1500);
        var stillPaused = Torrent(await ListAsync(mosaic), alphaId)!;
        await seed.LimitAsync(0);
        Assert.Equal(HttpStatusCode.OK, (await mosaic.PostAsync($"/client/api/torrents/{alphaId.ToUpperInvariant()}/resume", null)).StatusCode);

        var done = await UntilAsync(mosaic, list => new[] { alphaId, betaId }.All(id => Torrent(list, id) is { } t && (bool)t["completed"]!), "both complete");
        var ticked = await socket.WaitForAsync(f => Type(f) == "torrents:tick" && new[] { alphaId, betaId }.All(id =>
            f["data"]!.AsArray().Any(t => (string?)t!["id"] == id && (bool)t["completed"]!)), Deadline, "both complete");
        var stats = await socket.WaitForAsync(f => Type(f) == "stats:tick" && (int)f["data"]!["seeding_torrents"]! >= 2, Deadline, "two seeding");
        var inspected = await socket.WaitForAsync(f => Type(f) == "inspector:tick" && (double)f["data"]!["progress"]! == 1.0
            && f["data"]!["files"]!.AsArray().All(file => (double)file!["progress"]! == 1.0)
            && f["data"]!["trackers"]!.AsArray().Any(t => (string?)t!["status"] == "working"), Deadline, "alpha complete in the inspector");
        var alphaDto = Torrent(done, alphaId)!;
        var betaDto = Torrent(done, betaId)!;

        Assert.Equal(HttpStatusCode.OK, (await mosaic.PostAsJsonAsync("/client/api/inspector/focus", new { id = betaId, tabs = new[] { "files" } })).StatusCode);
        var betaInspected = await socket.WaitForAsync(f => Type(f) == "inspector:tick" && (string?)f["data"]!["id"] == betaId, Deadline, "beta in the inspector");
        Assert.Equal(HttpStatusCode.OK, (await mosaic.PostAsync("/client/api/inspector/clear", null)).StatusCode);

        Assert.Equal(Sha256(alpha), Sha256(Path.Combine(alphaSave, "alpha.bin")));
        Assert.Equal(Sha256(Path.Combine(beta, "one.bin")), Sha256(Path.Combine(betaSave, "beta", "one.bin")));
        Assert.Equal(Sha256(Path.Combine(beta, "two.bin")), Sha256(Path.Combine(betaSave, "beta", "two.bin")));
        Assert.Equal(doneWhenPaused, (long)stillPaused["bytes_done"]!);
        Assert.Equal((0L, 0), ((long)stillPaused["download_rate"]!, (int)stillPaused["peers"]!));
        Assert.True(doneWhenPaused < 3 << 20, $"the pause came after the download finished ({doneWhenPaused} bytes)");
        Assert.Contains("libtorrent", (string?)inspectedPeer["data"]!["peers_list"]![0]!["client"], StringComparison.OrdinalIgnoreCase);
        Assert.Matches("^[DdUuK?SIXHLE]*$", (string?)inspectedPeer["data"]!["peers_list"]![0]!["flags"]);
        Assert.Equal(["id", "name", "magnet", "save_path", "total_bytes", "bytes_done", "progress", "download_rate", "upload_rate", "peers", "seeds",
            "paused", "completed", "added_at", "category_id", "tags", "queue_position", "force_start", "queued", "verifying", "files_missing"],
            alphaDto.AsObject().Select(p => p.Key));
        Assert.Equal(("alpha.bin", alphaSave, 3L << 20, 3L << 20, false), ((string?)alphaDto["name"], (string?)alphaDto["save_path"],
            (long)alphaDto["total_bytes"]!, (long)alphaDto["bytes_done"]!, (bool)alphaDto["paused"]!));
        Assert.StartsWith($"magnet:?xt=urn:btih:{alphaId}", (string?)alphaDto["magnet"]);
        Assert.Equal((magnet, "beta", betaSave), ((string?)betaDto["magnet"], (string?)betaDto["name"], (string?)betaDto["save_path"]));
        Assert.Equal((null, 0, false, false, false), ((int?)betaDto["category_id"], betaDto["tags"]!.AsArray().Count, (bool)betaDto["queued"]!,
            (bool)betaDto["verifying"]!, (bool)betaDto["files_missing"]!));
        Assert.Equal(Torrent(ticked["data"]!, alphaId)!["total_bytes"]!.ToJsonString(), alphaDto["total_bytes"]!.ToJsonString());
        Assert.Equal(done.AsArray().Count, (int)stats["data"]!["total_torrents"]!);
        Assert.Equal(["alpha.bin"], inspected["data"]!["files"]!.AsArray().Select(f => (string?)f!["path"]));
        // libtorrent orders a folder's files its own way; each keeps its index in the torrent.
        Assert.Equal(["beta/one.bin", "beta/two.bin"], betaInspected["data"]!["files"]!.AsArray().Select(f => (string?)f!["path"]).Order());
        Assert.Equal([0, 1], betaInspected["data"]!["files"]!.AsArray().Select(f => (int)f!["index"]!).Order());
        Assert.Null(betaInspected["data"]!["peers_list"]);
        Assert.True((double)inspected["data"]!["total_down"]! >= 3 << 20);

        // Recheck finds a file damaged behind the engine's back and fetches the piece again.
        // Another program's write (the engine holds the file open, and .NET's own locks would keep this process out).
        await ExternalCommand.RunAsync("dd", ["if=/dev/zero", $"of={Path.Combine(betaSave, "beta", "two.bin")}", "bs=4096", "count=1", "conv=notrunc"]);
        Assert.Equal(HttpStatusCode.OK, (await mosaic.PostAsync($"/client/api/torrents/{betaId}/recheck", null)).StatusCode);
        await socket.WaitForAsync(f => Type(f) == "torrents:tick" && Torrent(f["data"]!, betaId) is { } t && !(bool)t["completed"]!, Deadline,
            "beta incomplete after the recheck");
        await UntilAsync(mosaic, list => Torrent(list, betaId) is { } t && (bool)t["completed"]! && !(bool)t["verifying"]!, "beta complete again");
        Assert.Equal(Sha256(Path.Combine(beta, "two.bin")), Sha256(Path.Combine(betaSave, "beta", "two.bin")));

        // Delete: with delete=1 the data goes too; without, it stays.
        Assert.Equal(HttpStatusCode.OK, (await mosaic.DeleteAsync($"/client/api/torrents/{alphaId}?delete=1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await mosaic.DeleteAsync($"/client/api/torrents/{betaId}")).StatusCode);
        var after = await ListAsync(mosaic);
        Assert.Null(Torrent(after, alphaId));
        Assert.Null(Torrent(after, betaId));
        Assert.False(File.Exists(Path.Combine(alphaSave, "alpha.bin")));
        Assert.True(File.Exists(Path.Combine(betaSave, "beta", "one.bin")));
        Assert.Equal(HttpStatusCode.NotFound, (await mosaic.PostAsync($"/client/api/torrents/{alphaId}/pause", null)).StatusCode);
        await socket.WaitForAsync(f => Type(f) == "torrents:tick" && Torrent(f["data"]!, alphaId) is null && Torrent(f["data"]!, betaId) is null,
            Deadline, "both gone");
    }

    public void Dispose() => Directory.Delete(scratch, recursive: true);

    private async Task WaitForTrackerSeedAsync(string infoHash)
    {
        var escaped = string.Concat(Convert.FromHexString(infoHash).Select(b => $"%{b:X2}"));
        using var deadline = new CancellationTokenSource(Deadline);
        while (true)
        {
            var body = await fixture.Client.GetByteArrayAsync($"/scrape?info_hash={escaped}", deadline.Token);
            var at = body.AsSpan().IndexOf("8:completei"u8);
            if (at >= 0 && body[at + "8:completei".Length] is >= (byte)'1' and <= (byte)'9')
            {
                return;
            }
            await Task.Delay(200, deadline.Token);
        }
    }

    private static string? Type(JsonNode frame) => (string?)frame["type"];

    private static async Task Eventually(Func<bool> condition, string what)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (!condition())
        {
            Assert.False(deadline.IsCancellationRequested, $"never saw {what}");
            await Task.Delay(100, CancellationToken.None);
        }
    }

    private static JsonNode? Torrent(JsonNode list, string id) => list.AsArray().FirstOrDefault(t => (string?)t!["id"] == id);

    private static async Task<JsonNode> ListAsync(HttpClient client)
    {
        var response = await client.GetAsync("/client/api/torrents");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private static async Task<JsonNode> UntilAsync(HttpClient client, Func<JsonNode, bool> condition, string what)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        JsonNode last;
        while (!condition(last = await ListAsync(client)))
        {
            Assert.False(deadline.IsCancellationRequested, $"GET /torrents never showed {what}; the last: {last.ToJsonString()}");
            await Task.Delay(200, CancellationToken.None);
        }
        return last;
    }

    private static void Write(string path, int size, int seed)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        File.WriteAllBytes(path, bytes);
    }

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(stream));
    }
}
