using System.Text.Json;
using System.Text.Json.Nodes;

namespace Swarmgrid.WebFront.Tests;

/// <summary>
/// The qBittorrent face beside the real thing: the same complete torrent in Debian's qbittorrent-nox and in Swarmgrid,
/// and every field the reference answers in <c>torrents/info</c>, <c>torrents/properties</c>, <c>torrents/files</c>,
/// <c>torrents/trackers</c>, <c>app/preferences</c>, <c>sync/maindata</c> and <c>transfer/info</c> is there in Swarmgrid's
/// answer with the same JSON type (values may differ).
/// </summary>
[Collection(EmbeddedSiloCollection.Name)]
public sealed class QbittorrentReferenceTests(EmbeddedSiloFixture fixture) : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly string scratch = Directory.CreateTempSubdirectory("swarmgrid-qbt-refcmp-").FullName;

    public void Dispose() => Directory.Delete(scratch, recursive: true);

    [SkippableFact]
    public async Task Swarmgrid_answers_every_field_the_reference_qBittorrent_answers_with_the_same_JSON_type()
    {
        QbittorrentReference.Require();
        const int length = 45_000;
        var torrent = TorrentFixtures.SingleFileV1("qbt-reference.bin", length, out var hash);
        var data = new byte[length];
        new Random(length).NextBytes(data);
        var (theirs, ours) = (Path.Combine(scratch, "reference"), Path.Combine(scratch, "swarmgrid"));
        foreach (var folder in new[] { theirs, ours })
        {
            Directory.CreateDirectory(folder);
            await File.WriteAllBytesAsync(Path.Combine(folder, "qbt-reference.bin"), data);
        }
        await using var reference = await QbittorrentReference.StartAsync(theirs);
        Assert.Equal((System.Net.HttpStatusCode.OK, "Ok."), await Qbt.AddFileAsync(reference.Client, torrent, ("savepath", theirs)));
        Assert.Equal((System.Net.HttpStatusCode.OK, "Ok."), await Qbt.AddFileAsync(fixture.Client, torrent, ("savepath", ours)));
        try
        {
            var referenceInfo = await Qbt.WaitForAsync(reference.Client, hash, t => (double)t["progress"]! == 1.0, Deadline, "reference complete");
            var info = await Qbt.WaitForAsync(fixture.Client, hash, t => (double)t["progress"]! == 1.0, Deadline, "Swarmgrid complete");
            var problems = new List<string>();
            Compare("torrents/info", referenceInfo, info, problems);
            foreach (var path in new[] { $"/torrents/properties?hash={hash}", $"/torrents/files?hash={hash}", $"/torrents/trackers?hash={hash}",
                "/app/preferences", "/sync/maindata?rid=0", "/transfer/info", "/torrents/categories" })
            {
                Compare(path, await Qbt.JsonAsync(reference.Client, path), await Qbt.JsonAsync(fixture.Client, path), problems);
            }

            Assert.True(problems.Count == 0, string.Join('\n', problems));
            foreach (var field in new[] { "hash", "name", "size", "total_size", "progress", "eta", "state", "category", "tags", "save_path", "content_path",
                "ratio", "ratio_limit", "seeding_time_limit", "seeding_time", "last_activity", "dlspeed", "upspeed", "num_seeds", "num_leechs",
                "added_on", "completion_on", "amount_left", "downloaded", "uploaded", "priority", "force_start", "magnet_uri" })
            {
                Assert.True(referenceInfo.ContainsKey(field), $"the reference has no {field}: the comparison would prove nothing");
            }
            Assert.Equal((string?)referenceInfo["name"], (string?)info["name"]);
            Assert.Equal((long)referenceInfo["size"]!, (long)info["size"]!);
            Assert.Equal((string?)referenceInfo["content_path"], ((string?)info["content_path"])!.Replace(ours, theirs, StringComparison.Ordinal));
        }
        finally
        {
            await Qbt.PostAsync(fixture.Client, "/torrents/delete", ("hashes", hash), ("deleteFiles", "false"));
        }
    }

    /// <summary>
    /// Every property of <paramref name="reference"/> must be in <paramref name="ours"/> with the same JSON kind (true and
    /// false are one kind); objects and the first element of arrays are compared the same way, keyed objects (a map by
    /// hash) by their first entry.
    /// </summary>
    private static void Compare(string at, JsonNode? reference, JsonNode? ours, List<string> problems)
    {
        if (reference is null)
        {
            return;
        }
        if (ours is null)
        {
            problems.Add($"{at}: missing (the reference has {reference.ToJsonString()})");
            return;
        }
        var (theirKind, ourKind) = (Kind(reference), Kind(ours));
        if (theirKind != ourKind)
        {
            problems.Add($"{at}: {ourKind} where the reference has {theirKind} ({ours.ToJsonString()} vs {reference.ToJsonString()})");
            return;
        }
        switch (reference)
        {
            case JsonObject theirs when at.EndsWith("/torrents", StringComparison.Ordinal) || at.EndsWith("/categories", StringComparison.Ordinal)
                || at.EndsWith(".trackers", StringComparison.Ordinal):
                if (theirs.FirstOrDefault() is { Key: { } key, Value: { } first })
                {
                    Compare($"{at}/*", first, ours.AsObject().FirstOrDefault(p => p.Key == key).Value ?? ours.AsObject().FirstOrDefault().Value, problems);
                }
                break;
            case JsonObject theirs:
                foreach (var (name, value) in theirs)
                {
                    if (!ours.AsObject().TryGetPropertyValue(name, out var mine))
                    {
                        problems.Add($"{at}.{name}: missing");
                        continue;
                    }
                    Compare($"{at}.{name}", value, mine, problems);
                }
                break;
            case JsonArray theirs when theirs.Count > 0 && ours.AsArray().Count > 0:
                Compare($"{at}[0]", theirs[0], ours.AsArray()[0], problems);
                break;
        }
    }

    private static string Kind(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.True or JsonValueKind.False => "boolean",
        var kind => kind.ToString().ToLowerInvariant(),
    };
}
