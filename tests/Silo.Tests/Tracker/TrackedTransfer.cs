using System.Security.Cryptography;
using Swarmgrid.BitTorrent.Bencoding;
using Swarmgrid.BitTorrent.Metainfo;
using Swarmgrid.TestSupport;

namespace Swarmgrid.Silo.Tests.Tracker;

/// <summary>
/// A seeder started by the caller and an aria2c leecher move an 8 MiB file, finding each other only through the
/// tracker at <c>announceUrl</c>; <c>scrapeClient</c> watches the seeder arrive. The file's hash is checked.
/// </summary>
public static class TrackedTransfer
{
    public static async Task RunAsync(HttpClient scrapeClient, string announceUrl, string work, Func<string, string, System.Diagnostics.Process> startSeeder,
        bool udp)
    {
        TestEnvironment.Require(File.Exists(BitTorrentPrograms.Aria2) && File.Exists("/usr/bin/mktorrent"), "aria2 and mktorrent are needed");
        var seedDirectory = Directory.CreateDirectory(Path.Combine(work, "seed")).FullName;
        var leechDirectory = Directory.CreateDirectory(Path.Combine(work, "leech")).FullName;
        var data = RandomNumberGenerator.GetBytes(8 * 1024 * 1024);
        await File.WriteAllBytesAsync(Path.Combine(seedDirectory, "data.bin"), data);
        var torrent = Path.Combine(work, "data.torrent");
        await ExternalCommand.RunAsync("/usr/bin/mktorrent", ["-a", announceUrl, "-l", "18", "-o", torrent, Path.Combine(seedDirectory, "data.bin")]);

        var infoHash = Torrent.Load(torrent).InfoHashes.V1!.Value.ToArray();
        var seeder = startSeeder(seedDirectory, torrent);
        try
        {
            // A leecher that announces before the seeder would wait a whole interval to ask again.
            Assert.True(await Http.EventuallyAsync(async () =>
            {
                var files = (await Bencoded.GetAsync(scrapeClient, $"/scrape?info_hash={AnnounceUrl.Encode(infoHash)}")).Get<BDictionary>("files")!;
                return files.Count == 1 && ((BDictionary)files.Single().Value).Get<BInteger>("complete")!.Value == 1;
            }, TimeSpan.FromSeconds(30)), "the seeder never announced");
            var leecher = BitTorrentPrograms.StartAria2(leechDirectory, torrent, FreePort.Next(), seed: false, udp);
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
                await leecher.WaitForExitAsync(timeout.Token);
                Assert.Equal(0, leecher.ExitCode);
            }
            finally
            {
                BitTorrentPrograms.Stop(leecher);
            }
        }
        finally
        {
            BitTorrentPrograms.Stop(seeder);
        }

        var downloaded = await File.ReadAllBytesAsync(Path.Combine(leechDirectory, "data.bin"));
        Assert.Equal(SHA1.HashData(data), SHA1.HashData(downloaded));
    }
}
