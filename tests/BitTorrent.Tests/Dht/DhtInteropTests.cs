using System.Net;
using Swarmgrid.BitTorrent.Client;
using Swarmgrid.BitTorrent.Creation;
using Swarmgrid.BitTorrent.Dht;
using Swarmgrid.BitTorrent.Magnet;
using Swarmgrid.BitTorrent.Metainfo;
using Swarmgrid.BitTorrent.Tests.Client;
using Swarmgrid.BitTorrent.Tests.Interop;

using static Swarmgrid.BitTorrent.Tests.Client.InteropTorrents;

namespace Swarmgrid.BitTorrent.Tests.Dht;

/// <summary>
/// A private DHT on 127.0.0.1: libtorrent sessions with the DHT on, bootstrapped to each other and to our node, and
/// our engine. No trackers, no peers given: magnets are found through the DHT alone, both ways, and BEP 51 samples
/// are asked and answered across the two implementations. One test, because the swarm takes a while to form.
/// </summary>
public sealed class DhtInteropTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [SkippableFact]
    public async Task Magnets_without_trackers_complete_through_a_private_dht_of_libtorrent_and_swarmgrid()
    {
        Libtorrent.Require();
        using var aDir = new TempDirectory();
        using var bDir = new TempDirectory();
        using var leechA = new TempDirectory();
        using var leechB = new TempDirectory();
        var (torrentA, pathA) = await CreateAsync(aDir, 71);
        var (torrentB, _) = await CreateAsync(bDir, 72);

        // libtorrent: one node seeds A, one is only a DHT node; they announce every few seconds instead of every 15 minutes.
        await using var seedA = await LibtorrentNode.StartAsync([LibtorrentNode.Torrent(pathA, aDir.Path)], DhtOn());
        await using var relay = await LibtorrentNode.StartAsync([], DhtOn(), dhtNodes: [$"127.0.0.1:{seedA.Port}"]);
        await seedA.SendAsync($"dht_node 127.0.0.1:{relay.Port}");
        await seedA.WaitForAsync(l => l.StartsWith("dht_nodes ", StringComparison.Ordinal) && l != "dht_nodes 0", Deadline);

        // Swarmgrid: seeds B and fetches A from a bare magnet, bootstrapped to both libtorrent nodes.
        await using var engine = new ClientEngine(new EngineSettings
        {
            ListenAddress = IPAddress.Loopback,
            Dht = new DhtSettings { BootstrapNodes = [$"127.0.0.1:{seedA.Port}", $"127.0.0.1:{relay.Port}"] },
        });
        engine.StartListening();
        var dht = engine.Dht!;
        var seedingB = engine.Add(torrentB, bDir.Path);
        await seedingB.StartAsync();
        var fetchingA = engine.Add(new MagnetLink(torrentA.InfoHashes), leechA.Path);
        await fetchingA.StartAsync();

        await fetchingA.Completion.WaitAsync(Deadline);
        Assert.Equal(Sha256(aDir.Combine("data.bin")), Sha256(leechA.Combine("data.bin")));
        Assert.True(fetchingA.GetCounters().DhtPeers >= 1);

        // libtorrent finds the Swarmgrid seed of B knowing no node but ours.
        await using var leecherB = await LibtorrentNode.StartAsync([LibtorrentNode.Magnet(new MagnetLink(torrentB.InfoHashes).ToString(), leechB.Path)],
            DhtOn(), dhtNodes: [dht.LocalEndPoint!.ToString()]);
        await leecherB.WaitUntilSeedingAsync(0, Deadline);
        Assert.Equal(Sha256(bDir.Combine("data.bin")), Sha256(leechB.Combine("data.bin")));

        // BEP 51 both ways: our node samples a libtorrent node, a libtorrent node samples ours.
        var hashB = TrackerHashOf(torrentB);
        var samples = await dht.SampleInfoHashesAsync(new IPEndPoint(IPAddress.Loopback, relay.Port), NodeId.Random());
        Assert.Contains(hashB, samples.Samples);
        Assert.True(samples.Total >= 1);
        await leecherB.SendAsync($"sample 127.0.0.1 {dht.LocalEndPoint!.Port}");
        var line = await leecherB.WaitForAsync(l => l.StartsWith("sample ", StringComparison.Ordinal), Deadline);
        Assert.Contains(TrackerHashOf(torrentA).ToString().ToLowerInvariant(), line, StringComparison.Ordinal);
    }

    private static Dictionary<string, object> DhtOn() => new() { ["enable_dht"] = true, ["dht_announce_interval"] = 3 };

    private static BitTorrent.Tracker.TrackerHash TrackerHashOf(Torrent torrent) => BitTorrent.Tracker.TrackerHash.FromBytes(torrent.InfoHashes.Primary.Span);

    private static async Task<(Torrent Torrent, string Path)> CreateAsync(TempDirectory directory, int seed)
    {
        SampleData.WriteFile(directory.Combine("data.bin"), 2 << 20, seed);
        var created = await TorrentCreator.CreateAsync(directory.Combine("data.bin"), new TorrentCreationOptions { Version = TorrentVersion.V1, PieceLength = 65536 });
        var path = directory.Combine("data.torrent");
        await File.WriteAllBytesAsync(path, created.Bytes);
        return (created.Torrent, path);
    }
}
