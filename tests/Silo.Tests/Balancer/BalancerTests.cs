using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Swarmgrid.BitTorrent.Bencoding;
using Swarmgrid.BitTorrent.Tracker.Udp;
using Swarmgrid.Silo.Tests.Tracker;
using Swarmgrid.TestSupport;

namespace Swarmgrid.Silo.Tests.Balancer;

/// <summary>
/// The whole cluster behind nginx's one address (<c>deploy/nginx/swarmgrid.conf</c>): real BitTorrent programs meet
/// through it over HTTP and UDP, the tracker sees each client's own address, the dashboard's hub works through it, and
/// login attempts are counted per real client across both web fronts.
/// </summary>
[Collection(BalancedClusterCollection.Name)]
public sealed class BalancerTests(BalancedCluster cluster) : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("swarmgrid-balanced-").FullName;

    public void Dispose() => Directory.Delete(work, recursive: true);

    [SkippableFact]
    public async Task An_aria2_seed_and_leecher_find_each_other_through_the_balancer_over_http()
    {
        using var client = Http.For(cluster.Balancer.Address);
        await TrackedTransfer.RunAsync(client, new Uri(cluster.Balancer.Address, "/announce").ToString(), work,
            (seedDirectory, torrent) => BitTorrentPrograms.StartAria2(seedDirectory, torrent, FreePort.Next(), seed: true), udp: false);
    }

    [SkippableFact]
    public async Task An_aria2_seed_and_leecher_find_each_other_through_the_balancer_over_udp()
    {
        using var client = Http.For(cluster.Balancer.Address);
        await TrackedTransfer.RunAsync(client, $"udp://127.0.0.1:{cluster.Balancer.UdpPort}/announce", work,
            (seedDirectory, torrent) => BitTorrentPrograms.StartAria2(seedDirectory, torrent, FreePort.Next(), seed: true, dhtForUdpTrackers: true), udp: true);
    }

    [SkippableFact]
    public async Task Peers_announcing_through_the_balancer_are_known_by_their_own_addresses_over_udp_and_http()
    {
        var infoHash = AnnounceUrl.RandomHash();
        using var udpPeer = new UdpTrackerClient(cluster.Balancer.UdpPort, IPAddress.Parse("127.0.0.2"));
        var connectionId = await udpPeer.ConnectAsync();
        var first = await udpPeer.ExchangeAsync(UdpTrackerClient.AnnouncePacket(connectionId, infoHash, peer: 1, port: 51001, left: 100));
        Assert.True(UdpAnnounceResponse.TryDecode(first, out _, out _), "the UDP announce through the balancer got no answer");

        using var httpPeer = SourceAddressHttp.From(IPAddress.Parse("127.0.0.3"), cluster.Balancer.Address);
        var answer = await Bencoded.GetAsync(httpPeer, AnnounceUrl.Announce(infoHash, peer: 2, port: 51002, left: 100) + "&compact=1");
        Assert.Null(Bencoded.Failure(answer));
        Assert.Equal([new IPEndPoint(IPAddress.Parse("127.0.0.2"), 51001)], CompactPeers(answer.Get<BString>("peers")!.Span));

        var again = await udpPeer.ExchangeAsync(UdpTrackerClient.AnnouncePacket(connectionId, infoHash, peer: 1, port: 51001, left: 100, announceEvent: default));
        Assert.True(UdpAnnounceResponse.TryDecode(again, out _, out var peers));
        Assert.Equal([new IPEndPoint(IPAddress.Parse("127.0.0.3"), 51002)], CompactPeers(peers));
    }

    [SkippableFact]
    public async Task A_connection_id_from_one_silo_is_accepted_by_the_other()
    {
        using var first = new UdpTrackerClient(cluster.Silos[0].UdpPort);
        var connectionId = await first.ConnectAsync();

        // The same source port: BEP 15 ids are bound to the client's address and port.
        var answer = await first.ExchangeViaAsync(cluster.Silos[1].UdpPort,
            UdpTrackerClient.AnnouncePacket(connectionId, AnnounceUrl.RandomHash(), peer: 3, port: 51003, left: 100));

        Assert.True(UdpAnnounceResponse.TryDecode(answer, out _, out _), "the second silo refused the first one's connection id");
    }

    [SkippableFact]
    public async Task A_proxy_header_from_an_address_that_is_not_a_trusted_proxy_is_not_believed()
    {
        var infoHash = AnnounceUrl.RandomHash();
        using var spoofer = new UdpTrackerClient(cluster.Silos[0].UdpPort, IPAddress.Parse("127.0.0.6"));
        var header = System.Text.Encoding.ASCII.GetBytes("PROXY TCP4 127.0.0.1 127.0.0.1 40000 6969\r\n");
        var connect = new byte[UdpConnectRequest.Size];
        new UdpConnectRequest(9).Encode(connect);

        var answer = await spoofer.ExchangeAsync([.. header, .. connect], TimeSpan.FromSeconds(1));

        // Read as BEP 15, the header's first bytes are a wrong protocol id or action: never a connect answer.
        Assert.False(UdpConnectResponse.TryDecode(answer, out _));
        var connectionId = await spoofer.ConnectAsync();
        await spoofer.ExchangeAsync(UdpTrackerClient.AnnouncePacket(connectionId, infoHash, peer: 4, port: 51004, left: 100));
        using var viewer = Http.For(cluster.Silos[1].Address);
        var peers = await Bencoded.GetAsync(viewer, AnnounceUrl.Announce(infoHash, peer: 5, port: 51005, left: 100) + "&compact=1");
        Assert.Equal([new IPEndPoint(IPAddress.Parse("127.0.0.6"), 51004)], CompactPeers(peers.Get<BString>("peers")!.Span));
    }

    [SkippableFact]
    public async Task The_dashboard_hub_connects_through_the_balancer_over_websockets_and_receives_events()
    {
        using var admin = await Http.For(cluster.Balancer.Address).SignedInAsync();
        var token = admin.DefaultRequestHeaders.Authorization!.Parameter!;
        var torrentEvents = new List<string>();
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(cluster.Balancer.Address, "/hubs/dashboard"), HttpTransportType.WebSockets, options =>
                options.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        hub.On<List<Dictionary<string, object?>>>("events", batch =>
        {
            lock (torrentEvents)
            {
                torrentEvents.AddRange(batch.Where(e => $"{e["type"]}" == "torrent.added").Select(e => $"{e["subject"]}"));
            }
        });
        await hub.StartAsync();
        await hub.InvokeAsync<string>("Subscribe", "torrents");

        var infoHash = Convert.ToHexStringLower(AnnounceUrl.RandomHash());
        var added = await admin.PostAsJsonAsync("/client/api/torrents/magnet", new { magnet = $"magnet:?xt=urn:btih:{infoHash}&dn=balanced" });
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);

        var seen = await Http.EventuallyAsync(() =>
        {
            lock (torrentEvents)
            {
                return Task.FromResult(torrentEvents.Contains(infoHash));
            }
        }, TimeSpan.FromSeconds(15));
        Assert.True(seen, "the hub connected through the balancer never delivered torrent.added");
        Assert.Equal(HubConnectionState.Connected, hub.State);
    }

    [SkippableFact]
    public async Task Login_attempts_through_the_balancer_are_limited_per_real_client_across_both_web_fronts()
    {
        using var guesser = SourceAddressHttp.From(IPAddress.Parse("127.0.0.4"), cluster.Balancer.Address);
        using var neighbour = SourceAddressHttp.From(IPAddress.Parse("127.0.0.5"), cluster.Balancer.Address);
        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var response = await guesser.PostAsJsonAsync("/api/v1/auth/login", new { username = SiloProcesses.AdminUser, password = "wrong-password" });
            statuses.Add(response.StatusCode);
        }

        // Five attempts per address for the whole cluster, whichever front the balancer picked for each.
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, 5).Concat(Enumerable.Repeat(HttpStatusCode.TooManyRequests, 3)), statuses);
        var other = await neighbour.PostAsJsonAsync("/api/v1/auth/login", new { username = SiloProcesses.AdminUser, password = SiloProcesses.AdminPassword });
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.NotNull(JsonNode.Parse(await other.Content.ReadAsStringAsync())!["access_token"]);
    }

    private static List<IPEndPoint> CompactPeers(ReadOnlySpan<byte> compact)
    {
        var peers = new List<IPEndPoint>();
        for (var i = 0; i + 6 <= compact.Length; i += 6)
        {
            peers.Add(new IPEndPoint(new IPAddress(compact.Slice(i, 4)), compact[i + 4] << 8 | compact[i + 5]));
        }
        return peers;
    }
}
