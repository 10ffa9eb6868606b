using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Npgsql;
using Swarmgrid.TestSupport;
using Xunit.Abstractions;

namespace Swarmgrid.WebFront.Tests;

/// <summary>
/// The client face on a cluster: two silos and a web front on Postgres, the client face mounted at Mosaic's own
/// <c>/api</c>. The queue is one for the cluster (three torrents, <c>max_concurrent_downloads</c> 1: one downloads,
/// wherever the torrents run), and a silo killed in the middle of a download hands the torrent to the other silo, which
/// resumes from the pieces on disk and finishes it.
/// </summary>
public sealed class ClientTorrentsClusterTests(ITestOutputHelper output) : IDisposable
{
    private const int Size = 6 << 20;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private readonly string scratch = Directory.CreateTempSubdirectory("swarmgrid-client-cluster-").FullName;

    /// <summary>Timestamped logs without per-request and placement chatter, for the failure report.</summary>
    private static readonly Dictionary<string, string> Quiet = new()
    {
        ["Logging:Console:FormatterOptions:TimestampFormat"] = "HH:mm:ss.fff ",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Polly"] = "Warning",
    };

    [SkippableFact]
    public async Task One_queue_holds_across_both_silos_and_a_killed_silo_s_download_finishes_on_the_other()
    {
        LibtorrentSeed.Require();
        var postgres = await TestPostgres.CreateDatabaseAsync();
        var clusterId = "client-" + Guid.NewGuid().ToString("N")[..8];
        var processes = new List<SwarmgridProcess>();
        try
        {
            // Announces every few seconds, so peers lost with a killed silo's swarm grains are back at once.
            var fastTracker = new Dictionary<string, string>(Quiet) { ["Tracker:Interval"] = "00:00:04", ["Tracker:MinInterval"] = "00:00:02" };
            var ports = new[] { FreePort.Next(), FreePort.Next() };
            var silos = ports.Select(port => SiloProcesses.StartClusterSilo(postgres, clusterId, port, fastTracker)).ToList();
            processes.AddRange(silos);
            var siloAddresses = await Task.WhenAll(silos.Select(s => s.WaitForListeningAsync()));
            var front = SiloProcesses.StartWebFront(postgres, clusterId, new Dictionary<string, string>(Quiet)
            {
                ["Faces:Client:Prefix"] = "/api",
                ["Faces:Library:Prefix"] = "/library",
                ["Auth:LoginRateLimit:Enabled"] = "false",
            });
            processes.Add(front);
            using var api = await new HttpClient { BaseAddress = await front.WaitForListeningAsync(), Timeout = TimeSpan.FromSeconds(30) }.SignedInAsync();
            await SetMaxDownloadsAsync(api, 1);

            var contents = Enumerable.Range(0, 3).Select(i => Path.Combine(scratch, "seed", $"part-{i}.bin")).ToList();
            for (var i = 0; i < contents.Count; i++)
            {
                Write(contents[i], Size, 100 + i);
            }
            var trackers = siloAddresses.Select(a => new Uri(a, "/announce").ToString()).ToList();
            await using var seed = await LibtorrentSeed.StartAsync(trackers, contents.Select((c, i) => (c, Path.Combine(scratch, $"part-{i}.torrent"))),
                uploadLimit: 768 << 10, lifetime: TimeSpan.FromMinutes(5));
            await seed.WaitForAsync(l => l == "seeding 2", Deadline);
            var ids = seed.InfoHashes;
            var save = Path.Combine(scratch, "shared");
            for (var i = 0; i < ids.Count; i++)
            {
                using var form = new MultipartFormDataContent
                {
                    { new ByteArrayContent(await File.ReadAllBytesAsync(Path.Combine(scratch, $"part-{i}.torrent"))), "file", $"part-{i}.torrent" },
                    { new StringContent(save), "save_path" },
                };
                var added = await api.PostAsync("/api/torrents/file", form);
                Assert.True(added.StatusCode == HttpStatusCode.OK, await added.Content.ReadAsStringAsync());
            }

            // One download in the whole cluster, for as long as we look.
            var running = await UntilAsync(api, list => Downloading(list, ids).Count == 1 && ids.Count(id => (bool)Torrent(list, id)!["queued"]!) == 2
                && (long)Torrent(list, Downloading(list, ids)[0])!["bytes_done"]! > 0, "one torrent downloading and two queued");
            var samples = new List<int>();
            for (var i = 0; i < 10; i++)
            {
                samples.Add(Downloading(await ListAsync(api), ids).Count);
                await Task.Delay(250);
            }
            var active = Downloading(running, ids)[0];
            var placement = await PlacementAsync(postgres, ids);

            // Kill the silo running the download, well before it is done.
            var victim = ports.ToList().FindIndex(port => placement[active].Contains($":{port}:", StringComparison.Ordinal));
            Assert.True(victim >= 0, $"the torrent ran on {placement[active]}, not on one of the silos {string.Join(", ", ports)}");
            var before = (long)Torrent(await ListAsync(api), active)!["bytes_done"]!;
            var activeIndex = ids.ToList().IndexOf(active);
            var oldPeer = seed.PeersOf(activeIndex);
            // Slow the rest down, so the download is still running when the client's view catches up (the feed may
            // lose up to one subscription renewal of events when its grain's silo dies).
            await seed.LimitAsync(128 << 10);
            var clock = Stopwatch.StartNew();
            await silos[victim].KillAsync();
            await Eventually(async () => !(await PlacementAsync(postgres, [active]))[active].Contains($":{ports[victim]}:", StringComparison.Ordinal),
                "the torrent on the other silo");
            var woken = clock.Elapsed;
            await Eventually(() => Task.FromResult(seed.PeersOf(activeIndex) is [_, ..] now && !now.SequenceEqual(oldPeer)), "libtorrent serving the other silo");
            var reconnected = clock.Elapsed;
            var resumed = await UntilAsync(api, list => Torrent(list, active) is { } t && (int)t["peers"]! > 0 && !(bool)t["verifying"]!
                && (long)t["bytes_done"]! > before, "the torrent downloading again", tolerateErrors: true);
            var failover = clock.Elapsed;
            var movedTo = (await PlacementAsync(postgres, [active]))[active];
            var afterFailover = await ListAsync(api);
            await seed.LimitAsync(0);
            var finished = await UntilAsync(api, list => Torrent(list, active) is { } t && (bool)t["completed"]!, "the torrent finished after the failover",
                tolerateErrors: true);
            await SetMaxDownloadsAsync(api, 5);
            await UntilAsync(api, list => ids.All(id => (bool)Torrent(list, id)!["completed"]!), "every torrent finished", tolerateErrors: true);
            output.WriteLine($"failover: the torrent was woken on the other silo {woken.TotalSeconds:F1} s after its silo was killed, "
                + $"libtorrent served it there after {reconnected.TotalSeconds:F1} s, and GET /api/torrents showed it downloading after "
                + $"{failover.TotalSeconds:F1} s; {before} bytes verified before, "
                + $"{(long)Torrent(resumed, active)!["bytes_done"]!} when it ran again; placement {string.Join(", ", placement.Select(p => $"{p.Key[..8]}@{p.Value}"))}");

            Assert.All(samples, count => Assert.Equal(1, count));
            Assert.Equal(0, (int)Torrent(running, active)!["queue_position"]!);
            Assert.DoesNotContain($":{ports[victim]}:", movedTo, StringComparison.Ordinal);
            // One membership probe period (1 s here, 2 missed probes) plus a few seconds.
            Assert.True(woken < TimeSpan.FromSeconds(10), $"the torrent took {woken.TotalSeconds:F1} s to be woken on the other silo");
            // Reaching the seed again can wait for the seed's next announce (4 s here) when the tracker's swarm grain died too.
            Assert.True(reconnected < TimeSpan.FromSeconds(30), $"the torrent took {reconnected.TotalSeconds:F1} s to reach its seed from the other silo");
            // What the client sees also waits for the web front's feed subscription to reach the feed grain's new activation.
            Assert.True(failover < TimeSpan.FromSeconds(45), $"the torrent took {failover.TotalSeconds:F1} s to show as downloading again");
            Assert.True((long)Torrent(resumed, active)!["bytes_done"]! >= before / 2, $"resumed from {(long)Torrent(resumed, active)!["bytes_done"]!} of {before} verified bytes");
            Assert.Equal(2, ids.Count(id => (bool)Torrent(afterFailover, id)!["queued"]!));
            Assert.True((bool)Torrent(finished, active)!["completed"]!);
            for (var i = 0; i < ids.Count; i++)
            {
                Assert.Equal(Sha256(contents[i]), Sha256(Path.Combine(save, $"part-{i}.bin")));
            }
        }
        catch
        {
            foreach (var process in processes)
            {
                output.WriteLine($"==== {(process.HasExited ? "exited" : "running")} process ====\n{process.Output}");
            }
            throw;
        }
        finally
        {
            foreach (var process in processes.AsEnumerable().Reverse())
            {
                await process.DisposeAsync();
            }
        }
    }

    public void Dispose() => Directory.Delete(scratch, recursive: true);

    /// <summary>The global setting, through the library face (moved to <c>/library</c> so the client face has <c>/api</c>).</summary>
    private static async Task SetMaxDownloadsAsync(HttpClient api, int downloads)
    {
        var response = await api.PutAsJsonAsync("/library/settings/overrides/max_concurrent_downloads", new JsonObject { ["value"] = downloads });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Torrents running a download: neither paused, queued nor complete.</summary>
    private static List<string> Downloading(JsonNode list, IReadOnlyList<string> ids) =>
        ids.Where(id => Torrent(list, id) is { } t && !(bool)t["paused"]! && !(bool)t["queued"]! && !(bool)t["completed"]!).ToList();

    /// <summary>Which silo ran each torrent last, as the read model records it.</summary>
    private static async Task<Dictionary<string, string>> PlacementAsync(string postgres, IReadOnlyList<string> ids)
    {
        await using var connection = new NpgsqlConnection(postgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT info_hash, silo FROM torrents WHERE info_hash = ANY(@ids)", connection);
        command.Parameters.AddWithValue("ids", ids.ToArray());
        var placement = new Dictionary<string, string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            placement[reader.GetString(0)] = reader.IsDBNull(1) ? "" : reader.GetString(1);
        }
        return placement;
    }

    private static async Task Eventually(Func<Task<bool>> condition, string what)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        while (!await condition())
        {
            Assert.False(deadline.IsCancellationRequested, $"never saw {what}");
            await Task.Delay(100, CancellationToken.None);
        }
    }

    private static JsonNode? Torrent(JsonNode list, string id) => list.AsArray().FirstOrDefault(t => (string?)t!["id"] == id);

    private static async Task<JsonNode> ListAsync(HttpClient client)
    {
        var response = await client.GetAsync("/api/torrents");
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    /// <summary>Polls <c>GET /api/torrents</c> until <paramref name="condition"/>; with <paramref name="tolerateErrors"/> a failed call is retried.</summary>
    private static async Task<JsonNode> UntilAsync(HttpClient client, Func<JsonNode, bool> condition, string what, bool tolerateErrors = false)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        JsonNode? last = null;
        while (true)
        {
            try
            {
                last = await ListAsync(client);
                if (condition(last))
                {
                    return last;
                }
            }
            catch (Exception ex) when (tolerateErrors && ex is HttpRequestException or TaskCanceledException or Xunit.Sdk.TrueException)
            {
            }
            Assert.False(deadline.IsCancellationRequested, $"GET /api/torrents never showed {what}; the last: {last?.ToJsonString()}");
            await Task.Delay(200, CancellationToken.None);
        }
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
