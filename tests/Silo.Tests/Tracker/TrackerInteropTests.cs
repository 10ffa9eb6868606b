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

    private Task TransferAsync(string announceUrl, Func<string, string, System.Diagnostics.Process> startSeeder, bool udp) =>
        TrackedTransfer.RunAsync(fixture.Client, announceUrl, work, startSeeder, udp);
}
