using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Swarmgrid.WebFront.Tests;

/// <summary>
/// The qBittorrent face's routes over the embedded silo: versions and preferences, categories and tags, adds, the info
/// list with its filters, properties, bulk actions, priorities, share limits and sync deltas, with the bad input each
/// route must refuse (400 for malformed forms, 404 for unknown hashes where qBittorrent answers 404, 409 conflicts).
/// </summary>
[Collection(EmbeddedSiloCollection.Name)]
public sealed class QbittorrentApiTests(EmbeddedSiloFixture fixture) : IDisposable
{
    private const string Unknown = "0123456789abcdef0123456789abcdef01234567";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private readonly string scratch = Directory.CreateTempSubdirectory("swarmgrid-qbt-").FullName;

    private HttpClient Admin => fixture.Client;

    public void Dispose() => Directory.Delete(scratch, recursive: true);

    [Fact]
    public async Task Versions_build_info_and_preferences_answer_as_qBittorrent_and_preferences_round_trip()
    {
        var api = await Qbt.GetAsync(Admin, "/app/webapiVersion");
        var app = await Qbt.GetAsync(Admin, "/app/version");
        var build = await Qbt.JsonAsync(Admin, "/app/buildInfo");
        var before = (await Qbt.JsonAsync(Admin, "/app/preferences")).AsObject();
        try
        {
            await Qbt.OkAsync(Admin, "/app/setPreferences", ("json", JsonSerializer.Serialize(new
            {
                max_ratio_enabled = true, max_ratio = 1.5, max_seeding_time_enabled = true, max_seeding_time = 90,
                max_inactive_seeding_time_enabled = false, max_ratio_act = 0, dht = false, unknown_key = "ignored",
            })));
            var after = (await Qbt.JsonAsync(Admin, "/app/preferences")).AsObject();
            var notJson = await Qbt.PostAsync(Admin, "/app/setPreferences", ("json", "{not json"));
            var noField = await Qbt.PostAsync(Admin, "/app/setPreferences");
            var wrongType = await Qbt.PostAsync(Admin, "/app/setPreferences", ("json", """{"max_ratio_enabled":"maybe"}"""));

            Assert.Equal(HttpStatusCode.OK, api.Status);
            Assert.Matches(@"^2\.11\.\d+$", api.Body);
            Assert.StartsWith("v5.", app.Body);
            Assert.Equal(JsonValueKind.Number, build["bitness"]!.GetValueKind());
            Assert.Equal((true, 1.5, true, 90L, false, -1L), ((bool)after["max_ratio_enabled"]!, (double)after["max_ratio"]!,
                (bool)after["max_seeding_time_enabled"]!, (long)after["max_seeding_time"]!, (bool)after["max_inactive_seeding_time_enabled"]!,
                (long)after["max_inactive_seeding_time"]!));
            Assert.False((bool)after["dht"]!);
            Assert.True(Path.IsPathFullyQualified((string)after["save_path"]!));
            Assert.Equal(before.Select(p => p.Key).Order(), after.Select(p => p.Key).Order());
            Assert.Equal(HttpStatusCode.BadRequest, notJson.Status);
            Assert.Equal(HttpStatusCode.BadRequest, noField.Status);
            Assert.Equal(HttpStatusCode.BadRequest, wrongType.Status);
        }
        finally
        {
            await Qbt.OkAsync(Admin, "/app/setPreferences", ("json", JsonSerializer.Serialize(new
            {
                max_ratio_enabled = false, max_seeding_time_enabled = false, dht = (bool)before["dht"]!,
            })));
        }
    }

    [Fact]
    public async Task Categories_and_tags_are_created_edited_listed_and_removed_by_name()
    {
        var name = "tv-" + Guid.NewGuid().ToString("N")[..6];
        var tag = "hd-" + Guid.NewGuid().ToString("N")[..6];
        await Qbt.OkAsync(Admin, "/torrents/createCategory", ("category", name), ("savePath", "/srv/tv"));
        var duplicate = await Qbt.PostAsync(Admin, "/torrents/createCategory", ("category", name));
        var invalid = await Qbt.PostAsync(Admin, "/torrents/createCategory", ("category", "/bad//name"));
        var nameless = await Qbt.PostAsync(Admin, "/torrents/createCategory");
        await Qbt.OkAsync(Admin, "/torrents/editCategory", ("category", name), ("savePath", "/srv/shows"));
        var editUnknown = await Qbt.PostAsync(Admin, "/torrents/editCategory", ("category", "nope-" + name), ("savePath", "/x"));
        var categories = (await Qbt.JsonAsync(Admin, "/torrents/categories")).AsObject();
        await Qbt.OkAsync(Admin, "/torrents/createTags", ("tags", $"{tag}, {tag}-2"));
        var tags = (await Qbt.JsonAsync(Admin, "/torrents/tags")).AsArray().Select(t => (string?)t).ToList();
        await Qbt.OkAsync(Admin, "/torrents/removeCategories", ("categories", $"{name}\nnot-there"));
        await Qbt.OkAsync(Admin, "/torrents/deleteTags", ("tags", $"{tag},{tag}-2"));
        var categoriesAfter = (await Qbt.JsonAsync(Admin, "/torrents/categories")).AsObject();
        var tagsAfter = (await Qbt.JsonAsync(Admin, "/torrents/tags")).AsArray().Select(t => (string?)t).ToList();

        Assert.Equal(HttpStatusCode.Conflict, duplicate.Status);
        Assert.Equal(HttpStatusCode.Conflict, invalid.Status);
        Assert.Equal(HttpStatusCode.BadRequest, nameless.Status);
        Assert.Equal(HttpStatusCode.Conflict, editUnknown.Status);
        Assert.Equal((name, "/srv/shows"), ((string?)categories[name]!["name"], (string?)categories[name]!["savePath"]));
        Assert.Contains(tag, tags);
        Assert.Contains(tag + "-2", tags);
        Assert.False(categoriesAfter.ContainsKey(name));
        Assert.DoesNotContain(tag, tagsAfter);
    }

    [Fact]
    public async Task An_added_torrent_shows_in_info_with_its_category_tags_and_limits_and_obeys_bulk_actions()
    {
        var category = "movies-" + Guid.NewGuid().ToString("N")[..6];
        var bytes = TorrentFixtures.SingleFileV1("qbt-info.bin", 50_000, out var hash);
        var save = Path.Combine(scratch, "save");
        var added = await Qbt.AddFileAsync(Admin, bytes, ("savepath", save), ("category", category), ("tags", "b-tag,a-tag"), ("stopped", "True"),
            ("ratioLimit", "2.5"), ("seedingTimeLimit", "120"));
        try
        {
            var info = await Qbt.WaitForAsync(Admin, hash, _ => true, Deadline, "the added torrent listed");
            var filtered = (await Qbt.JsonAsync(Admin, $"/torrents/info?category={category}")).AsArray();
            var otherCategory = (await Qbt.JsonAsync(Admin, "/torrents/info?category=nothing-here")).AsArray();
            var byTag = (await Qbt.JsonAsync(Admin, $"/torrents/info?tag=a-tag&hashes={hash}|{Unknown}")).AsArray();
            var paused = (await Qbt.JsonAsync(Admin, $"/torrents/info?filter=stopped&hashes={hash}")).AsArray();
            var properties = (await Qbt.JsonAsync(Admin, $"/torrents/properties?hash={hash}")).AsObject();
            var files = (await Qbt.JsonAsync(Admin, $"/torrents/files?hash={hash.ToUpperInvariant()}")).AsArray();
            var trackers = (await Qbt.JsonAsync(Admin, $"/torrents/trackers?hash={hash}")).AsArray();
            var badFilter = await Qbt.GetAsync(Admin, "/torrents/info?filter=sideways");

            await Qbt.OkAsync(Admin, "/torrents/createCategory", ("category", category + "-2"));
            await Qbt.OkAsync(Admin, "/torrents/setCategory", ("hashes", $"{hash}|{Unknown}"), ("category", category + "-2"));
            var unknownCategory = await Qbt.PostAsync(Admin, "/torrents/setCategory", ("hashes", hash), ("category", "no-such-" + category));
            await Qbt.OkAsync(Admin, "/torrents/removeTags", ("hashes", hash), ("tags", "b-tag"));
            await Qbt.OkAsync(Admin, "/torrents/addTags", ("hashes", hash), ("tags", "c-tag"));
            await Qbt.OkAsync(Admin, "/torrents/setShareLimits", ("hashes", hash), ("ratioLimit", "-1"), ("seedingTimeLimit", "-2"),
                ("inactiveSeedingTimeLimit", "30"));
            await Qbt.OkAsync(Admin, "/torrents/setForceStart", ("hashes", hash), ("value", "TRUE"));
            var changed = await Qbt.WaitForAsync(Admin, hash, t => (bool)t["force_start"]!, Deadline, "force start");
            await Qbt.OkAsync(Admin, "/torrents/setForceStart", ("hashes", hash), ("value", "false"));
            await Qbt.OkAsync(Admin, "/torrents/start", ("hashes", "all"));
            var started = await Qbt.WaitForAsync(Admin, hash, t => (string?)t["state"] is not "stoppedDL", Deadline, "started");
            await Qbt.OkAsync(Admin, "/torrents/pause", ("hashes", $"{Unknown}|{hash}"));
            var stopped = await Qbt.WaitForAsync(Admin, hash, t => (string?)t["state"] == "stoppedDL", Deadline, "stopped");

            Assert.Equal((HttpStatusCode.OK, "Ok."), added);
            Assert.Equal([hash], filtered.Select(t => (string?)t!["hash"]));
            Assert.Empty(otherCategory);
            Assert.Equal([hash], byTag.Select(t => (string?)t!["hash"]));
            Assert.Equal([hash], paused.Select(t => (string?)t!["hash"]));
            Assert.Equal(("qbt-info.bin", category, "a-tag, b-tag", save, "stoppedDL"), ((string?)info["name"], (string?)info["category"],
                (string?)info["tags"], (string?)info["save_path"], (string?)info["state"]));
            Assert.Equal((2.5, 120L, 50_000L, 8_640_000L), ((double)info["ratio_limit"]!, (long)info["seeding_time_limit"]!, (long)info["total_size"]!,
                (long)info["eta"]!));
            Assert.Equal(Path.Combine(save, "qbt-info.bin"), (string?)info["content_path"]);
            Assert.StartsWith($"magnet:?xt=urn:btih:{hash}", (string?)info["magnet_uri"]);
            Assert.Equal((save, 50_000L, hash), ((string?)properties["save_path"], (long)properties["total_size"]!, (string?)properties["hash"]));
            Assert.Equal(["qbt-info.bin"], files.Select(f => (string?)f!["name"]));
            Assert.Equal(["** [DHT] **", "** [PeX] **", "** [LSD] **"], trackers.Take(3).Select(t => (string?)t!["url"]));
            Assert.Equal(HttpStatusCode.BadRequest, badFilter.Status);
            Assert.Equal(HttpStatusCode.Conflict, unknownCategory.Status);
            Assert.Equal((category + "-2", "a-tag, c-tag", -1.0, -2L, 30L), ((string?)changed["category"], (string?)changed["tags"],
                (double)changed["ratio_limit"]!, (long)changed["seeding_time_limit"]!, (long)changed["inactive_seeding_time_limit"]!));
            Assert.NotEqual("stoppedDL", (string?)started["state"]);
            Assert.Equal("stoppedDL", (string?)stopped["state"]);
        }
        finally
        {
            await Qbt.PostAsync(Admin, "/torrents/delete", ("hashes", hash), ("deleteFiles", "true"));
            await Qbt.PostAsync(Admin, "/torrents/removeCategories", ("categories", $"{category}\n{category}-2"));
        }
        var gone = (await Qbt.JsonAsync(Admin, $"/torrents/info?hashes={hash}")).AsArray();
        Assert.Empty(gone);
    }

    [Fact]
    public async Task Unknown_hashes_are_404_for_one_torrent_and_skipped_in_bulk_and_malformed_forms_are_400()
    {
        foreach (var route in new[] { "properties", "files", "trackers" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await Qbt.GetAsync(Admin, $"/torrents/{route}?hash={Unknown}")).Status);
            Assert.Equal(HttpStatusCode.NotFound, (await Qbt.GetAsync(Admin, $"/torrents/{route}?hash=not-a-hash")).Status);
            Assert.Equal(HttpStatusCode.BadRequest, (await Qbt.GetAsync(Admin, $"/torrents/{route}")).Status);
        }
        foreach (var route in new[] { "pause", "resume", "stop", "start", "recheck", "reannounce" })
        {
            Assert.Equal(HttpStatusCode.OK, (await Qbt.PostAsync(Admin, $"/torrents/{route}", ("hashes", $"{Unknown}|zz"))).Status);
            Assert.Equal(HttpStatusCode.BadRequest, (await Qbt.PostAsync(Admin, $"/torrents/{route}")).Status);
        }
        Assert.Equal(HttpStatusCode.OK, (await Qbt.PostAsync(Admin, "/torrents/delete", ("hashes", Unknown), ("deleteFiles", "false"))).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Qbt.PostAsync(Admin, "/torrents/delete", ("hashes", Unknown))).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Qbt.PostAsync(Admin, "/torrents/setShareLimits", ("hashes", Unknown), ("ratioLimit", "1"))).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Qbt.PostAsync(Admin, "/torrents/setShareLimits", ("hashes", Unknown), ("ratioLimit", "lots"),
            ("seedingTimeLimit", "1"))).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Qbt.PostAsync(Admin, "/torrents/setForceStart", ("hashes", Unknown), ("value", "perhaps"))).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Qbt.PostAsync(Admin, "/torrents/add")).Status);
        Assert.Equal((HttpStatusCode.OK, "Fails."), await Qbt.PostAsync(Admin, "/torrents/add", ("urls", "magnet:?xt=urn:btih:nothex")));
        Assert.Equal((HttpStatusCode.OK, "Fails."), await Qbt.AddFileAsync(Admin, "not a torrent"u8.ToArray()));

        using var broken = new StringContent("--xyz\r\nContent-Disposition: form-data; name=\"hashes\"\r\n\r\nall", Encoding.ASCII);
        broken.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=xyz");
        using var brokenAnswer = await Admin.PostAsync(Qbt.Prefix + "/torrents/pause", broken);
        using var noBoundary = new StringContent("hashes=all", Encoding.ASCII);
        noBoundary.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data");
        using var noBoundaryAnswer = await Admin.PostAsync(Qbt.Prefix + "/torrents/add", noBoundary);
        Assert.Equal(HttpStatusCode.BadRequest, brokenAnswer.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noBoundaryAnswer.StatusCode);
    }

    [Fact]
    public async Task Priority_moves_are_409_while_queueing_is_off_and_move_the_queue_when_on()
    {
        var first = TorrentFixtures.SingleFileV1("qbt-prio-1.bin", 41_000, out var one);
        var second = TorrentFixtures.SingleFileV1("qbt-prio-2.bin", 42_000, out var two);
        await Qbt.AddFileAsync(Admin, first, ("savepath", scratch), ("paused", "true"));
        await Qbt.AddFileAsync(Admin, second, ("savepath", scratch), ("paused", "true"));
        try
        {
            await Qbt.OkAsync(Admin, "/app/setPreferences", ("json", """{"queueing_enabled":false}"""));
            var off = await Qbt.PostAsync(Admin, "/torrents/topPrio", ("hashes", two));
            var offPreferences = await Qbt.JsonAsync(Admin, "/app/preferences");
            await Qbt.OkAsync(Admin, "/app/setPreferences", ("json", """{"queueing_enabled":true}"""));
            await Qbt.OkAsync(Admin, "/torrents/bottomPrio", ("hashes", one));
            await Qbt.OkAsync(Admin, "/torrents/topPrio", ("hashes", two));
            var top = await Qbt.WaitForAsync(Admin, two, t => (long)t["priority"]! == 1, Deadline, "second on top");
            await Qbt.OkAsync(Admin, "/torrents/decreasePrio", ("hashes", two));
            var down = await Qbt.WaitForAsync(Admin, two, t => (long)t["priority"]! == 2, Deadline, "second moved down");
            await Qbt.OkAsync(Admin, "/torrents/increasePrio", ("hashes", two));

            Assert.Equal((HttpStatusCode.Conflict, "Torrent queueing must be enabled"), off);
            Assert.False((bool)offPreferences["queueing_enabled"]!);
            Assert.Equal(1L, (long)top["priority"]!);
            Assert.Equal(2L, (long)down["priority"]!);
        }
        finally
        {
            await Qbt.PostAsync(Admin, "/app/setPreferences", ("json", """{"queueing_enabled":true}"""));
            await Qbt.PostAsync(Admin, "/torrents/delete", ("hashes", $"{one}|{two}"), ("deleteFiles", "false"));
        }
    }

    [Fact]
    public async Task Sync_maindata_sends_everything_for_rid_0_or_an_unknown_rid_then_only_what_changed()
    {
        var bytes = TorrentFixtures.SingleFileV1("qbt-sync.bin", 43_000, out var hash);
        var tag = "sync-" + Guid.NewGuid().ToString("N")[..6];
        await Qbt.AddFileAsync(Admin, bytes, ("savepath", scratch), ("paused", "true"));
        await Qbt.WaitForAsync(Admin, hash, _ => true, Deadline, "listed");
        try
        {
            var full = (await Qbt.JsonAsync(Admin, "/sync/maindata?rid=0")).AsObject();
            var rid = (long)full["rid"]!;
            var quiet = (await Qbt.JsonAsync(Admin, $"/sync/maindata?rid={rid}")).AsObject();
            await Qbt.OkAsync(Admin, "/torrents/addTags", ("hashes", hash), ("tags", tag));
            var tagged = (await Qbt.JsonAsync(Admin, $"/sync/maindata?rid={(long)quiet["rid"]!}")).AsObject();
            await Qbt.OkAsync(Admin, "/torrents/delete", ("hashes", hash), ("deleteFiles", "false"));
            await Qbt.OkAsync(Admin, "/torrents/deleteTags", ("tags", tag));
            var removed = (await Qbt.JsonAsync(Admin, $"/sync/maindata?rid={(long)tagged["rid"]!}")).AsObject();
            var unknown = (await Qbt.JsonAsync(Admin, "/sync/maindata?rid=999999999999")).AsObject();
            var transfer = (await Qbt.JsonAsync(Admin, "/transfer/info")).AsObject();

            Assert.True((bool)full["full_update"]!);
            Assert.Equal("qbt-sync.bin", (string?)full["torrents"]![hash]!["name"]);
            Assert.Equal(JsonValueKind.Object, full["categories"]!.GetValueKind());
            Assert.Equal(JsonValueKind.Array, full["tags"]!.GetValueKind());
            Assert.Equal("connected", (string?)full["server_state"]!["connection_status"]);
            Assert.Null(quiet["full_update"]);
            Assert.NotEqual(rid, (long)quiet["rid"]!);
            Assert.False(quiet["torrents"] is JsonObject q && q.ContainsKey(hash) && q[hash]!.AsObject().ContainsKey("name"));
            Assert.Equal(tag, (string?)tagged["torrents"]![hash]!["tags"]);
            Assert.False(tagged["torrents"]![hash]!.AsObject().ContainsKey("name"));
            Assert.Contains(tag, tagged["tags"]!.AsArray().Select(t => (string?)t));
            Assert.Contains(hash, removed["torrents_removed"]!.AsArray().Select(t => (string?)t));
            Assert.Contains(tag, removed["tags_removed"]!.AsArray().Select(t => (string?)t));
            Assert.True((bool)unknown["full_update"]!);
            Assert.Equal(["connection_status", "dht_nodes", "dl_info_data", "dl_info_speed", "dl_rate_limit", "up_info_data", "up_info_speed", "up_rate_limit"],
                transfer.Select(p => p.Key).Order(StringComparer.Ordinal));
        }
        finally
        {
            await Qbt.PostAsync(Admin, "/torrents/delete", ("hashes", hash), ("deleteFiles", "false"));
        }
    }

    [Fact]
    public async Task A_complete_torrent_reaching_its_ratio_limit_is_stopped_by_its_grain()
    {
        const int length = 44_000;
        var bytes = TorrentFixtures.SingleFileV1("qbt-ratio.bin", length, out var hash);
        var data = new byte[length];
        new Random(length).NextBytes(data);
        var save = Path.Combine(scratch, "ratio");
        Directory.CreateDirectory(save);
        await File.WriteAllBytesAsync(Path.Combine(save, "qbt-ratio.bin"), data);
        var added = await Qbt.AddFileAsync(Admin, bytes, ("savepath", save));
        try
        {
            var seeding = await Qbt.WaitForAsync(Admin, hash, t => (double)t["progress"]! == 1.0, Deadline, "the data found complete");
            await Qbt.OkAsync(Admin, "/torrents/setShareLimits", ("hashes", hash), ("ratioLimit", "0"), ("seedingTimeLimit", "-1"));
            var stopped = await Qbt.WaitForAsync(Admin, hash, t => (string?)t["state"] == "stoppedUP", Deadline, "stopped at its ratio limit");
            await Task.Delay(1500);
            var still = await Qbt.WaitForAsync(Admin, hash, _ => true, Deadline, "listed");
            var completed = (await Qbt.JsonAsync(Admin, "/torrents/info?filter=completed")).AsArray();

            Assert.Equal((HttpStatusCode.OK, "Ok."), added);
            Assert.Equal((0.0, 0.0), ((double)stopped["ratio"]!, (double)stopped["ratio_limit"]!));
            Assert.True((long)stopped["completion_on"]! > 0);
            Assert.Equal(0L, (long)stopped["amount_left"]!);
            Assert.Equal("stoppedUP", (string?)still["state"]);
            Assert.Contains(hash, completed.Select(t => (string?)t!["hash"]));
            Assert.NotNull(seeding);
        }
        finally
        {
            await Qbt.PostAsync(Admin, "/torrents/delete", ("hashes", hash), ("deleteFiles", "false"));
        }
    }

    [Fact]
    public async Task SetLocation_moves_a_torrents_data_and_the_torrent_keeps_seeding_from_there()
    {
        const int length = 46_000;
        var bytes = TorrentFixtures.SingleFileV1("qbt-move.bin", length, out var hash);
        var data = new byte[length];
        new Random(length).NextBytes(data);
        var (from, to) = (Path.Combine(scratch, "from"), Path.Combine(scratch, "to"));
        Directory.CreateDirectory(from);
        await File.WriteAllBytesAsync(Path.Combine(from, "qbt-move.bin"), data);
        await Qbt.AddFileAsync(Admin, bytes, ("savepath", from));
        try
        {
            await Qbt.WaitForAsync(Admin, hash, t => (double)t["progress"]! == 1.0, Deadline, "the data found complete");
            var noLocation = await Qbt.PostAsync(Admin, "/torrents/setLocation", ("hashes", hash));
            var relative = await Qbt.PostAsync(Admin, "/torrents/setLocation", ("hashes", hash), ("location", "relative/dir"));
            await Qbt.OkAsync(Admin, "/torrents/setLocation", ("hashes", $"{hash}|{Unknown}"), ("location", to));
            var moved = await Qbt.WaitForAsync(Admin, hash, t => (string?)t["save_path"] == to && (double)t["progress"]! == 1.0
                && (string?)t["state"] is "stalledUP" or "uploading", Deadline, "seeding from the new folder");

            Assert.Equal(HttpStatusCode.BadRequest, noLocation.Status);
            Assert.Equal(HttpStatusCode.BadRequest, relative.Status);
            Assert.False(File.Exists(Path.Combine(from, "qbt-move.bin")));
            Assert.Equal(data, await File.ReadAllBytesAsync(Path.Combine(to, "qbt-move.bin")));
            Assert.Equal(Path.Combine(to, "qbt-move.bin"), (string?)moved["content_path"]);
        }
        finally
        {
            await Qbt.PostAsync(Admin, "/torrents/delete", ("hashes", hash), ("deleteFiles", "false"));
        }
    }
}
