using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Swarmgrid.TestSupport;

namespace Swarmgrid.Realtime.Tests;

/// <summary>Events made through web front A reach SignalR clients of web front B, scoped by role.</summary>
public sealed class DashboardHubTests(RealtimeCluster cluster) : IClassFixture<RealtimeCluster>
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(2);

    private static string RandomMagnet(out string infoHash)
    {
        infoHash = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(20));
        return $"magnet:?xt=urn:btih:{infoHash}&dn=realtime-test";
    }

    [SkippableFact]
    public async Task ATorrentAddedAndASettingChangedThroughFrontA_ReachAClientOfFrontB_WithinTwoSeconds()
    {
        await using var client = await DashboardClient.ConnectAsync(cluster.FrontAddressB, cluster.AdminToken, topics: ["torrents", "settings"]);

        var added = await cluster.AdminA.PostAsJsonAsync("/client/api/torrents/magnet", new { magnet = RandomMagnet(out var infoHash) });
        var addedAt = DateTime.UtcNow;
        var torrentEvent = await client.WaitForAsync(e => e.Type == "torrent.added" && e.Subject == infoHash, TimeSpan.FromSeconds(10));
        var value = Random.Shared.Next(100, 100_000);
        await cluster.AdminA.PutOverrideAsync("global_upload_limit_kib", value);
        var changedAt = DateTime.UtcNow;
        var settingEvent = await client.WaitForAsync(e => e.Type == "settings.changed" && e.Subject == "global_upload_limit_kib" && e.ReceivedAt >= changedAt.AddSeconds(-1), TimeSpan.FromSeconds(10));

        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.NotNull(torrentEvent);
        Assert.InRange(torrentEvent.ReceivedAt - addedAt, TimeSpan.Zero - TimeSpan.FromSeconds(1), Soon);
        Assert.NotNull(settingEvent);
        Assert.InRange(settingEvent.ReceivedAt - changedAt, TimeSpan.Zero - TimeSpan.FromSeconds(1), Soon);
        Assert.Equal("torrents", torrentEvent.Topic);
    }

    [SkippableFact]
    public async Task AFollowerOfOneTorrent_GetsOnlyThatTorrentsEvents_OverMessagePack()
    {
        var magnet = RandomMagnet(out var followed);
        await using var client = await DashboardClient.ConnectAsync(cluster.FrontAddressB, cluster.AdminToken, messagePack: true, topics: [$"torrent:{followed}"]);

        await cluster.AdminA.PostAsJsonAsync("/client/api/torrents/magnet", new { magnet = RandomMagnet(out var other) });
        await cluster.AdminA.PostAsJsonAsync("/client/api/torrents/magnet", new { magnet });
        var received = await client.WaitForAsync(e => e.Type == "torrent.added" && e.Subject == followed, TimeSpan.FromSeconds(10));
        await Task.Delay(500);

        Assert.NotNull(received);
        Assert.DoesNotContain(client.Received, e => e.Subject == other);
    }

    [SkippableFact]
    public async Task AFollowerOfOneTorrent_GetsItsDetail_FilesPeersAndTrackers_EverySecondWhileFollowing()
    {
        var infoHash = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(20));
        const string tracker = "http://127.0.0.1:9/announce";
        await cluster.AdminA.PostAsJsonAsync("/client/api/torrents/magnet",
            new { magnet = $"magnet:?xt=urn:btih:{infoHash}&dn=detail-test&tr={Uri.EscapeDataString(tracker)}" });
        await using var client = await DashboardClient.ConnectAsync(cluster.FrontAddressB, cluster.AdminToken, topics: [$"torrent:{infoHash}"]);

        var first = await client.WaitForAsync(e => e.Type == "torrent.detail" && e.Subject == infoHash, TimeSpan.FromSeconds(10));
        var second = await client.WaitForAsync(e => e.Type == "torrent.detail" && e.Subject == infoHash && e.ReceivedAt > first!.ReceivedAt.AddMilliseconds(500),
            TimeSpan.FromSeconds(10));
        await client.Connection.InvokeAsync("Unsubscribe", $"torrent:{infoHash}");

        Assert.NotNull(second);
        Assert.Equal($"torrent:{infoHash}", first!.Topic);
        var data = System.Text.Json.Nodes.JsonNode.Parse(first.Data!)!;
        Assert.Equal(infoHash, (string?)data["info_hash"]);
        Assert.Empty(data["files"]!.AsArray());
        Assert.Empty(data["peers"]!.AsArray());
        Assert.Equal(tracker, (string?)data["trackers"]![0]!["url"]);
    }

    [SkippableFact]
    public async Task AViewer_CannotFollowSecurity_AndGetsNoSecurityEvents_WhileAnAdminDoes()
    {
        var viewerToken = await cluster.TokenForNewUserAsync("viewer");
        await using var viewer = await DashboardClient.ConnectAsync(cluster.FrontAddressB, viewerToken, topics: ["settings"]);
        await using var admin = await DashboardClient.ConnectAsync(cluster.FrontAddressB, cluster.AdminToken, topics: ["security"]);

        var refused = await Assert.ThrowsAsync<HubException>(() => viewer.Connection.InvokeAsync<string>("Subscribe", "security"));
        var since = DateTime.UtcNow;
        await cluster.TokenForNewUserAsync("viewer");
        var adminSaw = await admin.WaitForAsync(e => e.Topic == "security" && e.Type == "security.login" && e.ReceivedAt >= since, TimeSpan.FromSeconds(10));
        await Task.Delay(300);

        Assert.Contains("admin", refused.Message);
        Assert.NotNull(adminSaw);
        Assert.DoesNotContain(viewer.Received, e => e.Topic == "security");
    }

    [SkippableFact]
    public async Task AnUnauthenticatedConnection_OrAnUnknownTopic_IsRefused()
    {
        var anonymous = await Assert.ThrowsAsync<HttpRequestException>(() => DashboardClient.ConnectAsync(cluster.FrontAddressB, null));
        var forged = await Assert.ThrowsAsync<HttpRequestException>(() => DashboardClient.ConnectAsync(cluster.FrontAddressB, "not-a-token"));
        await using var client = await DashboardClient.ConnectAsync(cluster.FrontAddressB, cluster.AdminToken);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        await Assert.ThrowsAsync<HubException>(() => client.Connection.InvokeAsync<string>("Subscribe", "no-such-topic"));
    }
}
