using System.Net;
using Swarmgrid.BitTorrent.Client;
using Swarmgrid.BitTorrent.Magnet;
using Swarmgrid.BitTorrent.Metainfo;
using Swarmgrid.GrainInterfaces.Torrents;

namespace Swarmgrid.Grains.Tests.Torrents;

/// <summary>A torrent added from a magnet link keeps the metadata it fetched, so a restart needs no peer to know it.</summary>
public sealed class MagnetMetadataTests : IDisposable
{
    private const int PieceLength = 65536;
    private readonly string scratch = Directory.CreateTempSubdirectory("swarmgrid-torrent-magnet-").FullName;

    [Fact]
    public async Task Metadata_fetched_for_a_magnet_link_survives_a_restart_without_peers()
    {
        var serviceId = "magnet-" + Guid.NewGuid().ToString("N");
        var dataDirectory = Path.Combine(scratch, "cluster");
        var files = await TorrentFiles.CreateAsync(scratch, 6, PieceLength, 31);
        var seedDirectory = Path.Combine(scratch, "seed");
        var saveTo = Path.Combine(scratch, "leech");
        await files.WritePiecesAsync(seedDirectory, files.PieceCount);
        var torrent = Torrent.Load(files.Metainfo);

        var first = await TestClusters.StartOnSqliteAsync(dataDirectory, serviceId);
        await using (first)
        {
            await using var seeder = new ClientEngine(new EngineSettings { ListenAddress = IPAddress.Loopback });
            seeder.StartListening();
            var seeding = seeder.Add(torrent, seedDirectory);
            await seeding.StartAsync();
            await seeding.Completion.WaitAsync(TimeSpan.FromSeconds(30));
            var magnet = new MagnetLink(torrent.InfoHashes, peers: [$"127.0.0.1:{seeder.ListenPort}"]).ToString();
            var grain = first.GrainFactory.GetGrain<ITorrentGrain>(files.Key);

            await grain.AddAsync(new TorrentSource(null, magnet, saveTo));
            await TorrentWaits.ForAsync(grain, s => s.Completed);
            await first.StopAllSilosAsync();
        }

        var second = await TestClusters.StartOnSqliteAsync(dataDirectory, serviceId);
        await using (second)
        {
            var status = await TorrentWaits.ForAsync(second.GrainFactory.GetGrain<ITorrentGrain>(files.Key), s => s.Completed);

            Assert.Equal((files.Name, "Seeding", files.PieceCount), (status.Name, status.State, status.VerifiedPieces));
            // Lifetime totals: the bytes fetched before the restart are still counted.
            Assert.InRange(status.Downloaded, files.Content.Length, 2L * files.Content.Length);
            await second.StopAllSilosAsync();
        }
    }

    public void Dispose() => Directory.Delete(scratch, recursive: true);
}
