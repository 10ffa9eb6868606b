using Swarmgrid.TestSupport;
using System.Net;
using System.Net.Http.Json;
using Swarmgrid.BitTorrent.Bencoding;
using static Swarmgrid.Silo.Tests.Tracker.AnnounceUrl;

namespace Swarmgrid.Silo.Tests.Tracker;

[Collection(TrackerSiloCollection.Name)]
public sealed class HttpTrackerTests(TrackerSiloFixture fixture)
{
    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task Announce_ReturnsTheOtherPeers_InCompactForm_WithCountsAndIntervals()
    {
        var hash = RandomHash();
        await Bencoded.GetAsync(Client, Announce(hash, 1, 7001, left: 100));
        await Bencoded.GetAsync(Client, Announce(hash, 2, 7002, left: 0, path: "/announce/"));

        var third = await Bencoded.GetAsync(Client, Announce(hash, 3, 7003, left: 100));

        Assert.Null(Bencoded.Failure(third));
        Assert.Equal([7001, 7002], Bencoded.PeerPorts(third).Order());
        Assert.Equal((1, 2), (third.Get<BInteger>("complete")!.Value, third.Get<BInteger>("incomplete")!.Value));
        Assert.Equal(1800, third.Get<BInteger>("interval")!.Value);
        Assert.Equal(300, third.Get<BInteger>("min interval")!.Value);
    }

    [Fact]
    public async Task Announce_FromASeeder_ReturnsNoSeeders()
    {
        var hash = RandomHash();
        await Bencoded.GetAsync(Client, Announce(hash, 1, 7101, left: 0));
        await Bencoded.GetAsync(Client, Announce(hash, 2, 7102, left: 50));

        var seeder = await Bencoded.GetAsync(Client, Announce(hash, 3, 7103, left: 0));

        Assert.Equal([7102], Bencoded.PeerPorts(seeder));
    }

    [Fact]
    public async Task Announce_NumWant_IsHonouredAndCapped()
    {
        var hash = RandomHash();
        for (var peer = 1; peer <= TrackerSiloFixture.MaxNumWant + 5; peer++)
        {
            await Bencoded.GetAsync(Client, Announce(hash, peer, 7200 + peer, left: 10));
        }

        var three = await Bencoded.GetAsync(Client, Announce(hash, 100, 7300, left: 10, extra: "&numwant=3"));
        var huge = await Bencoded.GetAsync(Client, Announce(hash, 101, 7301, left: 10, extra: "&numwant=100000"));

        Assert.Equal(3, Bencoded.PeerPorts(three).Count);
        Assert.Equal(TrackerSiloFixture.MaxNumWant, Bencoded.PeerPorts(huge).Count);
        Assert.DoesNotContain(7301, Bencoded.PeerPorts(huge));
    }

    [Fact]
    public async Task Announce_NonCompact_ListsDictionaries_WithOrWithoutPeerIds()
    {
        var hash = RandomHash();
        await Bencoded.GetAsync(Client, Announce(hash, 1, 7401, left: 0));

        var withIds = await Bencoded.GetAsync(Client, Announce(hash, 2, 7402, left: 5, extra: "&compact=0"));
        var withoutIds = await Bencoded.GetAsync(Client, Announce(hash, 3, 7403, left: 5, extra: "&compact=0&no_peer_id=1"));

        var peer = (BDictionary)Assert.Single(withIds.Get<BList>("peers")!);
        Assert.Equal(("127.0.0.1", 7401L), (peer.Get<BString>("ip")!.Text, peer.Get<BInteger>("port")!.Value));
        Assert.Equal(PeerId(1), peer.Get<BString>("peer id")!.Span.ToArray());
        Assert.All(withoutIds.Get<BList>("peers")!, p => Assert.False(((BDictionary)p).ContainsKey("peer id")));
    }

    [Fact]
    public async Task Announce_Stopped_RemovesThePeer_AndCompletedCountsADownload()
    {
        var hash = RandomHash();
        await Bencoded.GetAsync(Client, Announce(hash, 1, 7501, left: 10));
        await Bencoded.GetAsync(Client, Announce(hash, 1, 7501, left: 0, announceEvent: "completed"));
        await Bencoded.GetAsync(Client, Announce(hash, 2, 7502, left: 10));
        await Bencoded.GetAsync(Client, Announce(hash, 2, 7502, left: 10, announceEvent: "stopped"));

        var scrape = await Bencoded.GetAsync(Client, $"/scrape?info_hash={Encode(hash)}");

        var files = scrape.Get<BDictionary>("files")!;
        var stats = (BDictionary)Assert.Single(files).Value;
        Assert.Equal(hash, Assert.Single(files).Key.Span.ToArray());
        Assert.Equal((1L, 0L, 1L), (stats.Get<BInteger>("complete")!.Value, stats.Get<BInteger>("incomplete")!.Value,
            stats.Get<BInteger>("downloaded")!.Value));
    }

    [Theory]
    [InlineData("info_hash=%01%02&peer_id=-SG0001-000000000001&port=1&uploaded=0&downloaded=0&left=0", "invalid info_hash")]
    [InlineData("info_hash=" + "%01%02%03%04%05%06%07%08%09%10%11%12%13%14%15%16%17%18%19" + "&peer_id=-SG0001-000000000001&port=1&uploaded=0&downloaded=0&left=0", "invalid info_hash")]
    [InlineData("info_hash=" + "%01%02%03%04%05%06%07%08%09%10%11%12%13%14%15%16%17%18%19%20%21" + "&peer_id=-SG0001-000000000001&port=1&uploaded=0&downloaded=0&left=0", "invalid info_hash")]
    [InlineData("info_hash=%0g", "invalid info_hash")]
    [InlineData("peer_id=-SG0001-000000000001&port=1&uploaded=0&downloaded=0&left=0", "missing info_hash")]
    [InlineData("info_hash=" + "%01%02%03%04%05%06%07%08%09%10%11%12%13%14%15%16%17%18%19%20" + "&peer_id=-SG0001-000000000001&port=http&uploaded=0&downloaded=0&left=0", "invalid port")]
    [InlineData("info_hash=" + "%01%02%03%04%05%06%07%08%09%10%11%12%13%14%15%16%17%18%19%20" + "&peer_id=-SG0001-000000000001&port=65536&uploaded=0&downloaded=0&left=0", "invalid port")]
    [InlineData("info_hash=" + "%01%02%03%04%05%06%07%08%09%10%11%12%13%14%15%16%17%18%19%20" + "&peer_id=-SG0001-000000000001&port=1&uploaded=0&downloaded=0&left=0&numwant=-5", "invalid numwant")]
    [InlineData("info_hash=" + "%01%02%03%04%05%06%07%08%09%10%11%12%13%14%15%16%17%18%19%20" + "&peer_id=-SG0001-000000000001&port=1&uploaded=0&downloaded=0&left=0&event=paused", "invalid event")]
    [InlineData("", "missing info_hash")]
    public async Task Announce_BadQuery_GetsABencodedFailure_AndTheTrackerKeepsServing(string query, string failure)
    {
        var refused = await Bencoded.GetAsync(Client, "/announce?" + query);
        var next = await Bencoded.GetAsync(Client, Announce(RandomHash(), 1, 7600, left: 1));

        Assert.Equal(failure, Bencoded.Failure(refused));
        Assert.Null(Bencoded.Failure(next));
    }

    [Fact]
    public async Task Announce_HugeQuery_IsRefusedWithoutHarm()
    {
        var response = await Client.GetAsync("/announce?info_hash=" + new string('a', 100_000));
        var next = await Bencoded.GetAsync(Client, Announce(RandomHash(), 1, 7601, left: 1));

        Assert.Equal(HttpStatusCode.RequestUriTooLong, response.StatusCode);
        Assert.Null(Bencoded.Failure(next));
    }

    [Fact]
    public async Task Scrape_WithoutInfoHash_OrWithABadOne_IsABencodedFailure()
    {
        var full = await Bencoded.GetAsync(Client, "/scrape");
        var bad = await Bencoded.GetAsync(Client, "/scrape?info_hash=%01");

        Assert.Contains("full scrape is not supported", Bencoded.Failure(full));
        Assert.Equal("invalid info_hash", Bencoded.Failure(bad));
    }

    [Fact]
    public async Task RegistryDelete_BlocksTheHash_ForAnnounceAndScrape()
    {
        var hash = RandomHash();
        var hex = Convert.ToHexStringLower(hash);
        await Client.PostAsJsonAsync("/api/registry", new { info_hash = hex, name = "to block" });
        await Bencoded.GetAsync(Client, Announce(hash, 1, 7701, left: 0));

        var deleted = await Client.DeleteAsync($"/api/registry?info_hash={hex}&reason=test");
        var announce = await Bencoded.GetAsync(Client, Announce(hash, 2, 7702, left: 10));
        var scrape = await Bencoded.GetAsync(Client, $"/scrape?info_hash={Encode(hash)}");

        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal("torrent is not allowed on this tracker", Bencoded.Failure(announce));
        Assert.Equal(0, scrape.Get<BDictionary>("files")!.Count);
    }

    [Fact]
    public async Task HybridEntry_BothHashesReachOneSwarm()
    {
        var v2 = new byte[32];
        Random.Shared.NextBytes(v2);
        var v1 = RandomHash();
        var created = await Client.PostAsJsonAsync("/api/registry",
            new { info_hash = Convert.ToHexStringLower(v2), v1_info_hash = Convert.ToHexStringLower(v1), name = "hybrid" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        await Bencoded.GetAsync(Client, Announce(v1, 1, 7801, left: 0));
        var viaV2 = await Bencoded.GetAsync(Client, Announce(v2[..20], 2, 7802, left: 10));

        Assert.Equal([7801], Bencoded.PeerPorts(viaV2));
        var entry = await Client.GetFromJsonAsync<System.Text.Json.Nodes.JsonNode>($"/api/registry?info_hash={Convert.ToHexStringLower(v2)}");
        Assert.Equal((1, 1), ((int)entry!["seeders"]!, (int)entry["leechers"]!));
    }

    [Fact]
    public async Task Metrics_CountAnnouncesScrapesPeersAndSwarms_WithTheSeedsNames()
    {
        var before = await MetricsAsync();
        var hash = RandomHash();
        await Bencoded.GetAsync(Client, Announce(hash, 1, 7901, left: 10));
        await Bencoded.GetAsync(Client, Announce(hash, 2, 7902, left: 10));
        await Bencoded.GetAsync(Client, $"/scrape?info_hash={Encode(hash)}");

        var counted = await Http.EventuallyAsync(async () =>
        {
            var after = await MetricsAsync();
            return after["tracker_announces_total"] >= before["tracker_announces_total"] + 2
                   && after["tracker_scrapes_total"] >= before["tracker_scrapes_total"] + 1
                   && after["tracker_active_peers"] >= 2 && after["tracker_swarms_total"] >= 1;
        }, TimeSpan.FromSeconds(15));

        Assert.True(counted, string.Join(", ", await MetricsAsync()));
        Assert.True((await MetricsAsync()).ContainsKey("tracker_registered_torrents"));
    }

    private async Task<Dictionary<string, double>> MetricsAsync()
    {
        var text = await Client.GetStringAsync("/metrics");
        return text.Split('\n')
            .Where(line => line.StartsWith("tracker_", StringComparison.Ordinal) && !line.Contains('{'))
            .Select(line => line.Split(' '))
            .ToDictionary(parts => parts[0], parts => double.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
    }
}
