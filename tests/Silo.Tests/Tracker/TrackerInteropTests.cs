using System.Security.Cryptography;
using Swarmgrid.BitTorrent.Bencoding;
using Swarmgrid.BitTorrent.Metainfo;
using Swarmgrid.TestSupport;

namespace Swarmgrid.Silo.Tests.Tracker;

/// <summary>
/// Real seeders and leechers from Debian packages find each other only through Swarmgrid's tracker
/// (DHT, LSD and PEX off) and move a multi-megabyte file whose hash is then checked.
/// </summary>
[Collection(TrackerSiloCollection.Name)]
public sealed class TrackerInteropTests(TrackerSiloFixture fixture) : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("swarmgrid-interop-").FullName;

    public void Dispose() => Directory.Delete(work, recursive: true);

    [SkippableFact]
    public Task Aria2Seed_ToAria2Leech_OverHttp() =>
        TransferAsync($"{fixture.Client.BaseAddress}announce", startSeeder: SeedWithAria2(udp: false), udp: false);

    [SkippableFact]
    public Task Aria2Seed_ToAria2Leech_OverUdp() =>
        TransferAsync($"udp://127.0.0.1:{fixture.UdpPort}/announce", startSeeder: SeedWithAria2(udp: true), udp: true);

    [SkippableFact]
    public Task TransmissionSeed_ToAria2Leech_OverHttp()
    {
        TestEnvironment.Require(File.Exists(BitTorrentPrograms.TransmissionCli), "transmission-cli is not installed");
        return TransferAsync($"{fixture.Client.BaseAddress}announce",
            (seedDirectory, torrent) => BitTorrentPrograms.StartTransmissionSeed(seedDirectory, Path.Combine(work, "transmission"), torrent, FreePort.Next()),
            udp: false);
    }

    private static Func<string, string, System.Diagnostics.Process> SeedWithAria2(bool udp) =>
        (seedDirectory, torrent) => BitTorrentPrograms.StartAria2(seedDirectory, torrent, FreePort.Next(), seed: true, udp);

    private async Task TransferAsync(string announceUrl, Func<string, string, System.Diagnostics.Process> startSeeder, bool udp)
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
                var files = (await Bencoded.GetAsync(fixture.Client, $"/scrape?info_hash={AnnounceUrl.Encode(infoHash)}")).Get<BDictionary>("files")!;
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
