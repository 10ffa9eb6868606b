using System.Net;
using Swarmgrid.BitTorrent.Client;
using Swarmgrid.BitTorrent.Creation;
using Swarmgrid.BitTorrent.Metainfo;
using Swarmgrid.BitTorrent.Tests.Interop;

using static Swarmgrid.BitTorrent.Tests.Client.InteropTorrents;

namespace Swarmgrid.BitTorrent.Tests.Client;

/// <summary>
/// Peer exchange (BEP 11) with libtorrent, both ways: three peers, the leecher told of only one of two seeds, ends
/// connected to both. The two seeds keep their connection (libtorrent's close_redundant_connections off), so each
/// can tell the leecher about the other. Also IPv6 peers.
/// </summary>
public sealed class PeerExchangeInteropTests
{
    private const int FileSize = 4 << 20;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(40);
    private static readonly Dictionary<string, object> KeepSeedConnections = new() { ["close_redundant_connections"] = false };

    [SkippableFact]
    public async Task A_swarmgrid_leecher_learns_the_second_libtorrent_seed_from_the_first()
    {
        Libtorrent.Require();
        using var seedDir = new TempDirectory();
        using var leechDir = new TempDirectory();
        var (torrent, torrentPath) = await CreateAsync(seedDir);
        await using var first = await LibtorrentNode.StartAsync([LibtorrentNode.Torrent(torrentPath, seedDir.Path)], KeepSeedConnections);
        await first.WaitUntilSeedingAsync(0, Deadline);
        await using var second = await LibtorrentNode.StartAsync([LibtorrentNode.Torrent(torrentPath, seedDir.Path, $"127.0.0.1:{first.Port}")],
            KeepSeedConnections);
        await second.WaitUntilSeedingAsync(0, Deadline);
        await first.WaitForPeersAsync(0, Deadline, second.Port);

        // Not listening: the seeds cannot dial us, so a connection to the second seed is one we made from what PEX told us.
        await using var engine = new ClientEngine(new EngineSettings { ListenAddress = IPAddress.Loopback, AcceptIncoming = false });
        var manager = engine.Add(torrent, leechDir.Path);
        // Slow enough that the download is still running when the first seed's PEX message comes.
        manager.DownloadLimit.BytesPerSecond = 512 << 10;
        manager.AddPeer(first.Endpoint);
        await manager.StartAsync();

        await WaitForAsync(() => manager.GetPeers().Any(p => p.Endpoint.Port == second.Port),
            () => $"our peers: {string.Join(", ", manager.GetPeers().Select(p => $"{p.Endpoint} {p.Source}"))}; first seed:\n{first.Output}");
        var learned = manager.GetPeers().Single(p => p.Endpoint.Port == second.Port);
        Assert.Equal(PeerSource.PeerExchange, learned.Source);
        Assert.Contains(manager.GetPeers(), p => p.Endpoint.Port == first.Port && p.Source == PeerSource.Manual);
        manager.DownloadLimit.BytesPerSecond = 0;
        await manager.Completion.WaitAsync(Deadline);
    }

    [SkippableFact]
    public async Task A_libtorrent_leecher_learns_a_libtorrent_seed_from_a_swarmgrid_seed()
    {
        Libtorrent.Require();
        using var seedDir = new TempDirectory();
        using var leechDir = new TempDirectory();
        var (torrent, torrentPath) = await CreateAsync(seedDir);
        await using var engine = LoopbackEngine();
        var seeding = engine.Add(torrent, seedDir.Path);
        // The leecher cannot finish from us alone before it hears of the other seed.
        seeding.UploadLimit.BytesPerSecond = 256 << 10;
        await seeding.StartAsync();
        await seeding.Completion.WaitAsync(Deadline);
        await using var other = await LibtorrentNode.StartAsync([LibtorrentNode.Torrent(torrentPath, seedDir.Path, $"127.0.0.1:{engine.ListenPort}")],
            KeepSeedConnections);
        await other.WaitUntilSeedingAsync(0, Deadline);
        await WaitForAsync(() => seeding.GetPeers().Any(p => p.ListenEndpoint?.Port == other.Port), () => other.Output);

        await using var leecher = await LibtorrentNode.StartAsync([LibtorrentNode.Torrent(torrentPath, leechDir.Path, $"127.0.0.1:{engine.ListenPort}")],
            KeepSeedConnections);

        await leecher.WaitForPeersAsync(0, Deadline, engine.ListenPort, other.Port);
        await leecher.WaitUntilSeedingAsync(0, Deadline);
        Assert.Equal(Sha256(seedDir.Combine("data.bin")), Sha256(leechDir.Combine("data.bin")));
    }

    [SkippableFact]
    public async Task Downloads_from_a_libtorrent_seed_over_ipv6_loopback()
    {
        Libtorrent.Require();
        using var seedDir = new TempDirectory();
        using var leechDir = new TempDirectory();
        var (torrent, torrentPath) = await CreateAsync(seedDir);
        await using var seed = await LibtorrentNode.StartAsync([LibtorrentNode.Torrent(torrentPath, seedDir.Path)], listen: "[::1]:0");
        await seed.WaitUntilSeedingAsync(0, Deadline);

        await using var engine = new ClientEngine(new EngineSettings { ListenAddress = IPAddress.IPv6Loopback });
        engine.StartListening();
        var manager = engine.Add(torrent, leechDir.Path);
        manager.AddPeer(new IPEndPoint(IPAddress.IPv6Loopback, seed.Port));
        await manager.StartAsync();
        await manager.Completion.WaitAsync(Deadline);

        Assert.Equal(Sha256(seedDir.Combine("data.bin")), Sha256(leechDir.Combine("data.bin")));
        await seed.WaitForAsync(l => l.StartsWith("peers 0 [::1]:", StringComparison.Ordinal), Deadline);
    }

    private static async Task<(Torrent Torrent, string Path)> CreateAsync(TempDirectory directory)
    {
        SampleData.WriteFile(directory.Combine("data.bin"), FileSize, 41);
        var created = await TorrentCreator.CreateAsync(directory.Combine("data.bin"), new TorrentCreationOptions { Version = TorrentVersion.V1, PieceLength = 65536 });
        var path = directory.Combine("data.torrent");
        await File.WriteAllBytesAsync(path, created.Bytes);
        return (created.Torrent, path);
    }

    private static async Task WaitForAsync(Func<bool> condition, Func<string> context)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        while (!condition())
        {
            try
            {
                await Task.Delay(50, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"the condition never held; {context()}");
            }
        }
    }
}
