using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Swarmgrid.TestSupport;

namespace Swarmgrid.WebFront.Tests;

/// <summary>
/// Debian's transmission-daemon 3.00, run in a temp config dir on a free loopback port beside the embedded silo with
/// the same torrent: <c>torrent-get</c> (every field Sonarr, <c>transmission-remote -l</c> and <c>-i</c> read) and
/// <c>session-get</c> answer the same field names with the same JSON types (values differ).
/// </summary>
[Collection(EmbeddedSiloCollection.Name)]
public sealed class TransmissionReferenceTests(EmbeddedSiloFixture fixture) : IAsyncLifetime
{
    /// <summary>Sonarr's TransmissionProxy fields, then those transmission-remote's list and details print.</summary>
    public static readonly string[] TorrentFields =
    [
        "id", "hashString", "name", "downloadDir", "totalSize", "leftUntilDone", "isFinished", "eta", "status", "secondsDownloading",
        "secondsSeeding", "errorString", "uploadedEver", "downloadedEver", "seedRatioLimit", "seedRatioMode", "seedIdleLimit", "seedIdleMode",
        "fileCount", "labels",
        "error", "peersGettingFromUs", "peersSendingToUs", "rateDownload", "rateUpload", "sizeWhenDone", "uploadRatio",
        "activityDate", "addedDate", "bandwidthPriority", "comment", "corruptEver", "creator", "dateCreated", "desiredAvailable", "doneDate",
        "downloadLimit", "downloadLimited", "haveUnchecked", "haveValid", "honorsSessionLimits", "isPrivate", "magnetLink", "peersConnected",
        "peer-limit", "pieceCount", "pieceSize", "recheckProgress", "startDate", "uploadLimit", "uploadLimited", "webseedsSendingToUs",
        "percentDone", "queuePosition", "metadataPercentComplete", "isStalled", "editDate", "etaIdle", "manualAnnounceTime",
        "maxConnectedPeers", "files", "fileStats", "priorities", "wanted", "trackers", "trackerStats", "peers", "peersFrom", "webseeds",
        "torrentFile",
    ];

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly string configDir = Path.Combine(Path.GetTempPath(), "swarmgrid-transmission-reference", Guid.NewGuid().ToString("N"));
    private Process? daemon;
    private TransmissionRpc reference = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(configDir);
        var rpcPort = FreePort.Next();
        var info = new ProcessStartInfo("transmission-daemon")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-f", "-g", configDir, "-p", rpcPort.ToString(), "-r", "127.0.0.1", "-T", "-w", Path.Combine(configDir, "downloads"),
            "-P", FreePort.Next().ToString(), "-i", "127.0.0.1", "-O", "-Y", "-M" })
        {
            info.ArgumentList.Add(argument);
        }
        daemon = Process.Start(info) ?? throw new InvalidOperationException("transmission-daemon did not start");
        daemon.OutputDataReceived += (_, _) => { };
        daemon.ErrorDataReceived += (_, _) => { };
        daemon.BeginOutputReadLine();
        daemon.BeginErrorReadLine();
        reference = new TransmissionRpc(new Uri($"http://127.0.0.1:{rpcPort}"), "/transmission/rpc", "", "");
        using var wait = new CancellationTokenSource(Deadline);
        while (true)
        {
            try
            {
                await reference.OkAsync("session-get", new { fields = new[] { "version" } });
                return;
            }
            catch (HttpRequestException) when (!wait.IsCancellationRequested && !daemon.HasExited)
            {
                await Task.Delay(200);
            }
        }
    }

    [Fact]
    public async Task Torrent_get_answers_the_references_fields_with_the_same_json_types()
    {
        var bytes = TorrentFixtures.SingleFileV1("reference.bin", 60_001, out var hash);
        using var swarmgrid = TransmissionRpc.Admin(fixture.BaseAddress);
        await reference.AddPausedAsync(bytes);
        await swarmgrid.AddPausedAsync(bytes);
        try
        {
            var expected = (await reference.TorrentsAsync(new[] { hash }, TorrentFields)).Single()!.AsObject();
            var actual = (await swarmgrid.TorrentsAsync(new[] { hash }, TorrentFields)).Single()!.AsObject();

            Assert.Equal(Shape(expected), Shape(actual));
            foreach (var (field, list) in expected.Where(p => p.Value is JsonArray { Count: > 0 } && actual[p.Key] is JsonArray { Count: > 0 }))
            {
                if (list![0] is JsonObject item)
                {
                    Assert.Equal(Shape(item).Select(l => $"{field}[0].{l}"), Shape(actual[field]![0]!.AsObject()).Select(l => $"{field}[0].{l}"));
                }
                else
                {
                    Assert.Equal($"{field}[0]: {list[0]!.GetValueKind()}", $"{field}[0]: {actual[field]![0]!.GetValueKind()}");
                }
            }
            Assert.Equal(((string?)expected["hashString"], (string?)expected["name"], (long)expected["totalSize"]!),
                ((string?)actual["hashString"], (string?)actual["name"], (long)actual["totalSize"]!));
            Assert.Equal((int)expected["pieceSize"]!, (int)actual["pieceSize"]!);
        }
        finally
        {
            await swarmgrid.OkAsync("torrent-remove", new { ids = new[] { hash } });
        }
    }

    [Fact]
    public async Task Session_get_answers_the_references_fields_with_the_same_json_types()
    {
        using var swarmgrid = TransmissionRpc.Admin(fixture.BaseAddress);

        var expected = await reference.OkAsync("session-get");
        var actual = await swarmgrid.OkAsync("session-get");

        Assert.Equal(Shape(expected), Shape(actual));
    }

    [Fact]
    public async Task Session_stats_answers_the_references_fields_with_the_same_json_types()
    {
        using var swarmgrid = TransmissionRpc.Admin(fixture.BaseAddress);

        Assert.Equal(Shape(await reference.OkAsync("session-stats")), Shape(await swarmgrid.OkAsync("session-stats")));
    }

    /// <summary>Each field's name and JSON type (objects inside included), sorted; lists' items are compared apart, as an empty list says nothing of them.</summary>
    private static List<string> Shape(JsonObject value) =>
        value.OrderBy(p => p.Key, StringComparer.Ordinal).SelectMany(p => Describe(p.Key, p.Value)).ToList();

    private static IEnumerable<string> Describe(string path, JsonNode? node)
    {
        var kind = node?.GetValueKind() ?? JsonValueKind.Null;
        yield return $"{path}: {(kind is JsonValueKind.True or JsonValueKind.False ? "Boolean" : kind.ToString())}";
        if (node is JsonObject inner)
        {
            foreach (var line in Shape(inner))
            {
                yield return $"{path}.{line}";
            }
        }
    }

    public async Task DisposeAsync()
    {
        reference.Dispose();
        if (daemon is { HasExited: false })
        {
            daemon.Kill(entireProcessTree: true);
            await daemon.WaitForExitAsync();
        }
        daemon?.Dispose();
        try
        {
            Directory.Delete(configDir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: /tmp is cleaned eventually.
        }
    }
}
