using System.Text.Json.Nodes;
using Swarmgrid.GrainInterfaces.Client;
using Swarmgrid.GrainInterfaces.Settings;
using Swarmgrid.Hosting;
using Swarmgrid.WebFront.Faces.Client;

namespace Swarmgrid.WebFront.Faces.Transmission;

/// <summary>
/// The <c>session-get</c> fields, with transmission-daemon 3.00's names and JSON types, filled from Swarmgrid's
/// settings where one matches (save path, rate limits and alt speed, queue sizes, peer port and limit, DHT, encryption,
/// blocklist) and Transmission's defaults elsewhere.
/// </summary>
public static class TransmissionSessionFields
{
    /// <summary>Transmission's RPC version this face speaks (that of transmission-daemon 3.00).</summary>
    public const int RpcVersion = 16;

    /// <summary>A version string Sonarr and Radarr parse as Transmission 3.00.</summary>
    public const string Version = "3.00 (swarmgrid)";

    public static JsonObject Build(SettingValues values, BlocklistStatus blocklist, string downloadDir, string configDir, string sessionId)
    {
        long Kib(string key) => values.Number(key);
        var downloads = values.Number(ClientSettingKeys.MaxActiveDownloads);
        var seeds = values.Number(ClientSettingKeys.MaxActiveSeeds);
        return new JsonObject
        {
            ["alt-speed-down"] = Kib(ClientSettingKeys.AltDownloadLimit),
            ["alt-speed-enabled"] = values.Flag(ClientSettingKeys.AltSpeedActive),
            ["alt-speed-time-begin"] = 540,
            ["alt-speed-time-day"] = 127,
            ["alt-speed-time-enabled"] = false,
            ["alt-speed-time-end"] = 1020,
            ["alt-speed-up"] = Kib(ClientSettingKeys.AltUploadLimit),
            ["blocklist-enabled"] = values.Flag(ClientSettingKeys.BlocklistEnabled),
            ["blocklist-size"] = blocklist.Entries,
            ["blocklist-url"] = values.Text(ClientSettingKeys.BlocklistUrl),
            ["cache-size-mb"] = 4,
            ["config-dir"] = configDir,
            ["dht-enabled"] = values.Flag(ClientSettingKeys.DhtEnabled),
            ["download-dir"] = downloadDir,
            ["download-dir-free-space"] = TransmissionSessionMethods.FreeBytes(downloadDir) ?? -1,
            ["download-queue-enabled"] = downloads > 0,
            ["download-queue-size"] = downloads > 0 ? downloads : 5,
            ["encryption"] = values.Flag(ClientSettingKeys.EncryptionEnabled) ? "preferred" : "tolerated",
            ["idle-seeding-limit"] = 30,
            ["idle-seeding-limit-enabled"] = false,
            ["incomplete-dir"] = downloadDir,
            ["incomplete-dir-enabled"] = false,
            ["lpd-enabled"] = false,
            ["peer-limit-global"] = 200,
            ["peer-limit-per-torrent"] = values.Number(ClientSettingKeys.MaxPeersPerTorrent) is > 0 and var peers ? peers : 50,
            ["peer-port"] = values.Number(ClientSettingKeys.ListenPort),
            ["peer-port-random-on-start"] = false,
            ["pex-enabled"] = true,
            ["port-forwarding-enabled"] = false,
            ["queue-stalled-enabled"] = false,
            ["queue-stalled-minutes"] = 30,
            ["rename-partial-files"] = false,
            ["rpc-version"] = RpcVersion,
            ["rpc-version-minimum"] = 1,
            ["script-torrent-done-enabled"] = false,
            ["script-torrent-done-filename"] = "",
            ["seed-queue-enabled"] = seeds > 0,
            ["seed-queue-size"] = seeds > 0 ? seeds : 10,
            ["seedRatioLimit"] = 2.0,
            ["seedRatioLimited"] = false,
            ["session-id"] = sessionId,
            ["speed-limit-down"] = Kib(ClientSettingKeys.DownloadLimit) is > 0 and var down ? down : 100,
            ["speed-limit-down-enabled"] = Kib(ClientSettingKeys.DownloadLimit) > 0,
            ["speed-limit-up"] = Kib(ClientSettingKeys.UploadLimit) is > 0 and var up ? up : 100,
            ["speed-limit-up-enabled"] = Kib(ClientSettingKeys.UploadLimit) > 0,
            ["start-added-torrents"] = true,
            ["trash-original-torrent-files"] = false,
            ["units"] = new JsonObject
            {
                ["memory-bytes"] = 1024,
                ["memory-units"] = new JsonArray("KiB", "MiB", "GiB", "TiB"),
                ["size-bytes"] = 1000,
                ["size-units"] = new JsonArray("kB", "MB", "GB", "TB"),
                // Swarmgrid's limits are KiB/s: saying so keeps them exact.
                ["speed-bytes"] = 1024,
                ["speed-units"] = new JsonArray("KiB/s", "MiB/s", "GiB/s", "TiB/s"),
            },
            ["utp-enabled"] = false,
            ["version"] = Version,
        };
    }
}
