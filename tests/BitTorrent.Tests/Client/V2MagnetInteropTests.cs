using Swarmgrid.BitTorrent.Client;
using Swarmgrid.BitTorrent.Magnet;
using Swarmgrid.BitTorrent.Metainfo;
using Swarmgrid.BitTorrent.Tests.Interop;

using static Swarmgrid.BitTorrent.Tests.Client.InteropTorrents;

namespace Swarmgrid.BitTorrent.Tests.Client;

/// <summary>
/// BitTorrent v2 from magnet links against libtorrent: the info dictionary carries no piece layers, so a v2-only
/// download needs BEP 52 hash requests before it can check a piece; a hybrid checks with SHA-1 meanwhile.
/// </summary>
public sealed class V2MagnetInteropTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(45);
    private static readonly string[] Names = ["a.bin", "b.bin", "c.bin"];

    [SkippableFact]
    public Task A_v2_only_magnet_from_a_libtorrent_seed_completes_after_fetching_the_piece_layers() => DownloadMagnetAsync("v2");

    [SkippableFact]
    public Task A_hybrid_multi_file_magnet_from_a_libtorrent_seed_completes() => DownloadMagnetAsync("hybrid");

    [SkippableFact]
    public async Task A_libtorrent_leecher_fetches_a_v2_only_magnet_from_a_swarmgrid_seed_which_answers_its_hash_requests()
    {
        Libtorrent.Require();
        using var seedDir = new TempDirectory();
        using var leechDir = new TempDirectory();
        var torrent = await CreateAsync(seedDir, "v2");
        await using var engine = LoopbackEngine();
        var seeding = engine.Add(torrent, seedDir.Path);
        await seeding.StartAsync();
        await seeding.Completion.WaitAsync(Deadline);

        var magnet = new MagnetLink(torrent.InfoHashes).ToString();
        await using var leecher = await LibtorrentNode.StartAsync([LibtorrentNode.Magnet(magnet, leechDir.Path, $"127.0.0.1:{engine.ListenPort}")]);
        await leecher.WaitUntilSeedingAsync(0, Deadline);

        foreach (var name in Names)
        {
            Assert.Equal(Sha256(seedDir.Combine("set", name)), Sha256(leechDir.Combine("set", name)));
        }
        Assert.True(seeding.GetCounters().HashesServed > 0);
    }

    private static async Task DownloadMagnetAsync(string mode)
    {
        Libtorrent.Require();
        using var seedDir = new TempDirectory();
        using var leechDir = new TempDirectory();
        var torrent = await CreateAsync(seedDir, mode);
        await using var seed = await LibtorrentNode.StartAsync([LibtorrentNode.Torrent(seedDir.Combine("set.torrent"), seedDir.Path)]);
        await seed.WaitUntilSeedingAsync(0, Deadline);

        await using var engine = LoopbackEngine();
        var manager = engine.Add(new MagnetLink(torrent.InfoHashes, peers: [$"127.0.0.1:{seed.Port}"]), leechDir.Path);
        await manager.StartAsync();
        await manager.Completion.WaitAsync(Deadline);

        foreach (var name in Names)
        {
            Assert.Equal(Sha256(seedDir.Combine("set", name)), Sha256(leechDir.Combine("set", name)));
        }
        // The kept .torrent loads: a v2-only one with every piece layer, proved against the pieces roots; a hybrid
        // without them (its pieces were checked with SHA-1).
        var exported = Torrent.Load(manager.ExportMetainfo()!);
        Assert.Equal(torrent.InfoHashes.Primary, exported.InfoHashes.Primary);
        Assert.Equal(mode == "v2", exported.HasAllPieceLayers);
        Assert.Equal(mode == "v2", manager.GetCounters().HashesAccepted > 0);
    }

    /// <summary>Three files, two of them several pieces long, made by libtorrent.</summary>
    private static async Task<Torrent> CreateAsync(TempDirectory directory, string mode)
    {
        SampleData.WriteFile(directory.Combine("set", "a.bin"), (3 << 20) + 12345, 51);
        SampleData.WriteFile(directory.Combine("set", "b.bin"), 100_000, 52);
        SampleData.WriteFile(directory.Combine("set", "c.bin"), (2 << 20) + 7, 53);
        var path = directory.Combine("set.torrent");
        await Libtorrent.CreateAsync(directory.Combine("set"), path, mode, 262144);
        return Torrent.Load(path);
    }
}
