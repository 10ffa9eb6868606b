using System.Text.Json;
using System.Text.Json.Nodes;
using Swarmgrid.GrainInterfaces.Client;
using Swarmgrid.GrainInterfaces.Settings;
using Swarmgrid.GrainInterfaces.Transmission;
using Swarmgrid.Hosting;
using Swarmgrid.WebFront.Faces.Client;

namespace Swarmgrid.WebFront.Faces.Transmission;

/// <summary>
/// The session methods. <c>session-set</c> writes the arguments that map to Swarmgrid settings as one audited change
/// (or none, answering the settings grain's refusal); Transmission-only arguments are accepted and ignored.
/// </summary>
public sealed class TransmissionSessionMethods(
    IGrainFactory grains, IConfiguration configuration, TransmissionTorrents torrents, ClientBlocklist blocklist)
{
    public async Task<JsonObject> GetAsync(RpcCall call)
    {
        var fields = call.Strings("fields");
        var values = await ClientSettings.ReadAsync(grains);
        var chosen = values.Text(ClientSettingKeys.DefaultSavePath);
        var all = TransmissionSessionFields.Build(
            values,
            await grains.GetGrain<IClientBlocklistGrain>(0).GetStatusAsync(),
            chosen.Length > 0 ? chosen : EngineDefaults.DownloadDirectory(configuration),
            Path.GetFullPath(configuration["Swarmgrid:DataDir"] is { Length: > 0 } dir ? dir : "./data"),
            await grains.GetGrain<ITransmissionSessionGrain>(0).GetSessionIdAsync());
        if (fields is null or { Count: 0 })
        {
            return all;
        }
        var answer = new JsonObject();
        foreach (var field in fields.Distinct(StringComparer.Ordinal))
        {
            if (all[field] is { } value)
            {
                answer[field] = value.DeepClone();
            }
        }
        return answer;
    }

    public async Task<JsonObject> SetAsync(RpcCall call)
    {
        var changes = new Dictionary<string, string>(StringComparer.Ordinal);
        void Put(string key, object value) => changes[key] = JsonSerializer.Serialize(value);
        long Rate(string name) => call.Integer(name) is { } kib and >= 0 and <= ClientSettingKeys.MaxRateKib
            ? kib
            : throw new RpcError($"invalid argument: {name} must be between 0 and {ClientSettingKeys.MaxRateKib} (KiB/s)");

        if (call.String("download-dir") is { } downloadDir)
        {
            if (downloadDir.Length == 0 || ClientRules.SavePathProblem(downloadDir, "download-dir") is not null)
            {
                throw new RpcError(ClientRules.SavePathProblem(downloadDir, "download-dir") ?? "invalid argument: download-dir must be an absolute path");
            }
            Put(ClientSettingKeys.DefaultSavePath, downloadDir);
        }
        var downEnabled = call.Flag("speed-limit-down-enabled");
        var upEnabled = call.Flag("speed-limit-up-enabled");
        var values = await ClientSettings.ReadAsync(grains);
        // Swarmgrid has no separate on/off for a limit: off is 0, and turning one on without a value keeps Transmission's default of 100.
        if (call.Has("speed-limit-down") || downEnabled is not null)
        {
            var rate = call.Has("speed-limit-down") ? Rate("speed-limit-down") : values.Number(ClientSettingKeys.DownloadLimit) is > 0 and var kept ? kept : 100;
            Put(ClientSettingKeys.DownloadLimit, downEnabled == false || (downEnabled is null && values.Number(ClientSettingKeys.DownloadLimit) == 0) ? 0 : rate);
        }
        if (call.Has("speed-limit-up") || upEnabled is not null)
        {
            var rate = call.Has("speed-limit-up") ? Rate("speed-limit-up") : values.Number(ClientSettingKeys.UploadLimit) is > 0 and var kept ? kept : 100;
            Put(ClientSettingKeys.UploadLimit, upEnabled == false || (upEnabled is null && values.Number(ClientSettingKeys.UploadLimit) == 0) ? 0 : rate);
        }
        if (call.Has("alt-speed-down"))
        {
            Put(ClientSettingKeys.AltDownloadLimit, Rate("alt-speed-down"));
        }
        if (call.Has("alt-speed-up"))
        {
            Put(ClientSettingKeys.AltUploadLimit, Rate("alt-speed-up"));
        }
        if (call.Flag("alt-speed-enabled") is { } alt)
        {
            Put(ClientSettingKeys.AltSpeedActive, alt);
        }
        Queue(call, "download-queue-enabled", "download-queue-size", ClientSettingKeys.MaxActiveDownloads, ClientSettingKeys.MaxDownloadsLimit, values, Put);
        Queue(call, "seed-queue-enabled", "seed-queue-size", ClientSettingKeys.MaxActiveSeeds, ClientSettingKeys.MaxSeedsLimit, values, Put);
        if (call.Integer("peer-port") is { } port)
        {
            Put(ClientSettingKeys.ListenPort, port is >= 0 and <= 65535 ? port : throw new RpcError("invalid argument: peer-port must be between 0 and 65535"));
        }
        if (call.Integer("peer-limit-per-torrent") is { } peers)
        {
            Put(ClientSettingKeys.MaxPeersPerTorrent, peers is >= 0 and <= ClientSettingKeys.MaxPeers
                ? peers : throw new RpcError($"invalid argument: peer-limit-per-torrent must be between 0 and {ClientSettingKeys.MaxPeers}"));
        }
        if (call.Flag("dht-enabled") is { } dht)
        {
            Put(ClientSettingKeys.DhtEnabled, dht);
        }
        if (call.String("encryption") is { } encryption)
        {
            Put(ClientSettingKeys.EncryptionEnabled, encryption switch
            {
                "required" or "preferred" => true,
                "tolerated" => false,
                _ => throw new RpcError("invalid argument: encryption must be \"required\", \"preferred\" or \"tolerated\""),
            });
        }
        if (call.String("blocklist-url") is { } blocklistUrl)
        {
            Put(ClientSettingKeys.BlocklistUrl, blocklistUrl);
        }
        if (call.Flag("blocklist-enabled") is { } blocklistEnabled)
        {
            Put(ClientSettingKeys.BlocklistEnabled, blocklistEnabled);
        }
        if (changes.Count > 0)
        {
            var outcome = await grains.GetGrain<ISettingsGrain>(ISettingsGrain.GlobalScope).SetOverridesAsync(changes, call.User.Username);
            if (outcome.Status != SettingChangeStatus.Applied)
            {
                throw new RpcError(outcome.Error ?? "the settings were not changed");
            }
        }
        return [];
    }

    public async Task<JsonObject> StatsAsync(RpcCall call)
    {
        var all = await torrents.AllAsync(call.Aborted);
        var downloaded = all.Sum(t => t.Status.Downloaded);
        var uploaded = all.Sum(t => t.Status.Uploaded);
        JsonObject Totals() => new()
        {
            ["downloadedBytes"] = downloaded,
            ["filesAdded"] = all.Sum(t => t.Status.FileCount),
            ["secondsActive"] = 0,
            ["sessionCount"] = 1,
            ["uploadedBytes"] = uploaded,
        };
        return new JsonObject
        {
            ["activeTorrentCount"] = all.Count(t => TransmissionTorrentFields.StatusCode(t.Status) != TransmissionTorrentFields.Stopped),
            ["cumulative-stats"] = Totals(),
            ["current-stats"] = Totals(),
            ["downloadSpeed"] = all.Sum(t => t.Status.DownloadRate),
            ["pausedTorrentCount"] = all.Count(t => TransmissionTorrentFields.StatusCode(t.Status) == TransmissionTorrentFields.Stopped),
            ["torrentCount"] = all.Count,
            ["uploadSpeed"] = all.Sum(t => t.Status.UploadRate),
        };
    }

    /// <summary>The free bytes where <c>path</c> lives, as this web front sees the disk (the silos' disks when it runs inside one).</summary>
    public Task<JsonObject> FreeSpaceAsync(RpcCall call)
    {
        var path = call.String("path") ?? throw new RpcError("directory path argument is missing");
        if (!Path.IsPathFullyQualified(path) || path.Contains('\0', StringComparison.Ordinal) || FreeBytes(path) is not { } free)
        {
            throw new RpcError("No such file or directory");
        }
        return Task.FromResult(new JsonObject { ["path"] = path, ["size-bytes"] = free });
    }

    /// <summary>Whether the peer port is reachable from the internet is not something Swarmgrid checks: false, as Transmission says when it cannot tell.</summary>
    public Task<JsonObject> PortTestAsync(RpcCall call) => Task.FromResult(new JsonObject { ["port-is-open"] = false });

    public async Task<JsonObject> BlocklistUpdateAsync(RpcCall call)
    {
        var outcome = await blocklist.RefreshAsync(call.Aborted);
        if (outcome.Result != BlocklistFetchResult.Loaded)
        {
            throw new RpcError(outcome.Error ?? "the blocklist was not updated");
        }
        return new JsonObject { ["blocklist-size"] = (await grains.GetGrain<IClientBlocklistGrain>(0).GetStatusAsync()).Entries };
    }

    /// <summary>The cluster outlives any one client: closing the session is refused.</summary>
    public Task<JsonObject> CloseAsync(RpcCall call) => throw new RpcError("session-close is not supported: Swarmgrid is a cluster and keeps running");

    public static long? FreeBytes(string path)
    {
        try
        {
            return Directory.Exists(path) ? new DriveInfo(path).AvailableFreeSpace : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }

    private static void Queue(RpcCall call, string enabledName, string sizeName, string key, int max, SettingValues values, Action<string, object> put)
    {
        var enabled = call.Flag(enabledName);
        var size = call.Integer(sizeName);
        if (size is < 0 || size > max)
        {
            throw new RpcError($"invalid argument: {sizeName} must be between 0 and {max}");
        }
        if (enabled == false)
        {
            put(key, 0);
        }
        else if (size is { } given && (enabled == true || values.Number(key) > 0))
        {
            put(key, given);
        }
        else if (enabled == true && values.Number(key) == 0)
        {
            put(key, 5);
        }
    }
}
