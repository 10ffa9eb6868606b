using System.Net;
using System.Net.Sockets;
using Swarmgrid.BitTorrent.Client;
using Swarmgrid.BitTorrent.Metainfo;
using Swarmgrid.BitTorrent.Tests.Interop;
using Swarmgrid.BitTorrent.Tracker;
using Swarmgrid.BitTorrent.Tracker.Udp;

using static Swarmgrid.BitTorrent.Tests.Client.InteropTorrents;

namespace Swarmgrid.BitTorrent.Tests.Client;

/// <summary>The client side of tracker scrape: BEP 48 over HTTP, BEP 15 over UDP, and the failures a caller sees.</summary>
public sealed class ScrapeTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Scrapes_an_http_tracker_through_the_announce_urls_scrape_sibling()
    {
        using var tracker = new LoopbackTracker();
        using var seedDir = new TempDirectory();
        var (torrent, _) = await InteropTorrents.CreateAsync(seedDir, tracker, 1 << 20, TorrentVersion.V1, 65536);
        await using var engine = LoopbackEngine();
        var manager = engine.Add(torrent, seedDir.Path);
        await manager.StartAsync();
        await tracker.WaitForSeedAsync(Hash(torrent), Deadline);

        var scrape = await manager.ScrapeAsync();

        Assert.True(scrape.IsSuccess, scrape.FailureReason);
        Assert.Equal((1L, 0L, 0L), (scrape.Seeders, scrape.Completed, scrape.Leechers));
        Assert.Equal(new Uri(tracker.AnnounceUrl), scrape.Tracker);
    }

    [Fact]
    public async Task Scrapes_a_udp_tracker()
    {
        using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var serving = ServeOneScrapeAsync(udp, new UdpScrapeStats(7, 42, 3));
        var client = new TrackerClient(new HttpClient());
        var hash = TrackerHash.FromBytes(new byte[20]);

        var scrape = await client.ScrapeAsync(new Uri($"udp://127.0.0.1:{((IPEndPoint)udp.Client.LocalEndPoint!).Port}/announce"), hash, CancellationToken.None);

        Assert.True(scrape.IsSuccess, scrape.FailureReason);
        Assert.Equal((7L, 42L, 3L), (scrape.Seeders, scrape.Completed, scrape.Leechers));
        Assert.Equal(hash, await serving);
    }

    [Fact]
    public async Task A_tracker_url_without_announce_has_no_scrape_and_says_so()
    {
        var client = new TrackerClient(new HttpClient());
        var scrape = await client.ScrapeAsync(new Uri("http://127.0.0.1:1/tracker"), TrackerHash.FromBytes(new byte[20]), CancellationToken.None);
        Assert.False(scrape.IsSuccess);
        Assert.Contains("BEP 48", scrape.FailureReason);
    }

    [Fact]
    public async Task A_torrent_without_trackers_reports_that_it_has_none()
    {
        using var seedDir = new TempDirectory();
        SampleData.WriteFile(seedDir.Combine("data.bin"), 65536, 3);
        var torrent = (await BitTorrent.Creation.TorrentCreator.CreateAsync(seedDir.Combine("data.bin"),
            new BitTorrent.Creation.TorrentCreationOptions { Version = TorrentVersion.V1, PieceLength = 65536 })).Torrent;
        await using var engine = LoopbackEngine();
        var scrape = await engine.Add(torrent, seedDir.Path).ScrapeAsync();
        Assert.Equal("the torrent has no trackers", scrape.FailureReason);
    }

    /// <summary>Answers one connect and one scrape (BEP 15) with <paramref name="stats"/>; returns the hash asked for.</summary>
    private static async Task<TrackerHash> ServeOneScrapeAsync(UdpClient udp, UdpScrapeStats stats)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        var connect = await udp.ReceiveAsync(deadline.Token);
        Assert.True(UdpConnectRequest.TryDecode(connect.Buffer, out var connectRequest));
        var reply = new byte[64];
        var length = new UdpConnectResponse(connectRequest.TransactionId, 0x1234).Encode(reply);
        await udp.SendAsync(reply.AsMemory(0, length), connect.RemoteEndPoint, deadline.Token);
        var scrape = await udp.ReceiveAsync(deadline.Token);
        Assert.True(UdpScrapeRequest.TryDecode(scrape.Buffer, out var scrapeRequest, out var hashes));
        Assert.Equal(0x1234, scrapeRequest.ConnectionId);
        var hash = UdpScrapeRequest.InfoHashAt(hashes, 0);
        length = new UdpScrapeResponse(scrapeRequest.TransactionId).Encode(reply, [stats]);
        await udp.SendAsync(reply.AsMemory(0, length), scrape.RemoteEndPoint, deadline.Token);
        return hash;
    }
}
