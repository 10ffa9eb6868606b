using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Swarmgrid.Hosting;

namespace Swarmgrid.WebFront.Faces.Client.Updater;

/// <summary>
/// The updater's configuration: <c>Client:Updater:FeedUrl</c> (empty = updater disabled),
/// <c>Client:Updater:MaxAssetBytes</c> (512 MiB) and <c>Client:Updater:Timeout</c> (10 minutes, for the asset; the
/// feed has 30 seconds); updates are staged under <c>Swarmgrid:DataDir</c>/updates.
/// </summary>
public sealed record UpdaterOptions(Uri? FeedUrl, long MaxAssetBytes, TimeSpan Timeout, string UpdatesDirectory)
{
    public static UpdaterOptions From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Client:Updater");
        Uri? feed = null;
        if (section["FeedUrl"] is { Length: > 0 } text
            && (!Uri.TryCreate(text, UriKind.Absolute, out feed) || feed.Scheme is not ("http" or "https")))
        {
            throw new StartupConfigurationException($"Client:Updater:FeedUrl must be an http or https URL, not '{text}'.");
        }
        var maxBytes = section.GetValue<long?>("MaxAssetBytes") ?? 512L * 1024 * 1024;
        var timeout = section.GetValue<TimeSpan?>("Timeout") ?? TimeSpan.FromMinutes(10);
        if (maxBytes <= 0 || timeout <= TimeSpan.Zero)
        {
            throw new StartupConfigurationException("Client:Updater:MaxAssetBytes and Client:Updater:Timeout must be positive.");
        }
        var dataDirectory = SwarmgridConfiguration.From(configuration).DataDirectory;
        return new UpdaterOptions(feed, maxBytes, timeout, Path.GetFullPath(Path.Combine(dataDirectory, "updates")));
    }
}

/// <summary>One channel's release as the feed describes it, with the asset's URL made absolute.</summary>
public sealed record Release(ReleaseVersion Version, Uri AssetUrl, string AssetFileName, string Sha256, long? Size);

/// <summary>What a check found.</summary>
public sealed record UpdateCheck(bool Available, Release Latest, ReleaseVersion Current);

public enum UpdateFailure
{
    Disabled,
    Feed,
    NothingNewer,
    Install,
}

/// <summary>A failed check or install: what kind of failure, and why, for the caller.</summary>
public sealed class UpdateException(UpdateFailure failure, string message, Exception? inner = null) : Exception(message, inner)
{
    public UpdateFailure Failure { get; } = failure;
}

/// <summary>
/// Checks the release feed and stages verified releases. The feed (JSON, at most 1 MiB) is
/// <c>{"channels":{"stable":{"version":"v0.2.0","asset_url":"…","sha256":"…","size":123},"beta":{…}}}</c>; an asset URL
/// may be relative to the feed. Installing downloads the asset (size cap, timeout) while hashing it, and only when its
/// SHA-256 is the feed's does it move, with a <c>manifest.json</c>, to <c>updates/&lt;version&gt;/</c> in one rename.
/// Nothing is ever run: the staged release waits for the operator's next deploy or restart.
/// </summary>
public sealed class ClientUpdater(UpdaterOptions options, TimeProvider time, ILogger<ClientUpdater> logger) : IDisposable
{
    private const int MaxFeedBytes = 1024 * 1024;
    private static readonly TimeSpan FeedTimeout = TimeSpan.FromSeconds(30);
    private static readonly JsonSerializerOptions ManifestJson = new() { WriteIndented = true };

    private readonly HttpClient http = new(new SocketsHttpHandler { AllowAutoRedirect = true, MaxAutomaticRedirections = 5 })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    /// <summary>This build's version: the entry assembly's informational version, as <c>v1.2.3</c>.</summary>
    public static ReleaseVersion CurrentVersion { get; } =
        ReleaseVersion.TryParse(HealthApi.Version, out var parsed) ? parsed : new ReleaseVersion(0, 0, 0, []);

    public bool Enabled => options.FeedUrl is not null;

    public string UpdatesDirectory => options.UpdatesDirectory;

    /// <summary>Reads the feed and compares its release on <paramref name="channel"/> with this build.</summary>
    public async Task<UpdateCheck> CheckAsync(string channel, CancellationToken cancellationToken)
    {
        var latest = await ReadFeedAsync(channel, cancellationToken);
        return new UpdateCheck(latest.Version > CurrentVersion, latest, CurrentVersion);
    }

    /// <summary>Stages the newer release of <paramref name="channel"/>; its folder (already there if it was staged before).</summary>
    public async Task<string> InstallAsync(string channel, CancellationToken cancellationToken)
    {
        var check = await CheckAsync(channel, cancellationToken);
        if (!check.Available)
        {
            throw new UpdateException(UpdateFailure.NothingNewer,
                $"no newer release on the {channel} channel: {check.Current} is running and the feed offers {check.Latest.Version}");
        }
        var release = check.Latest;
        var target = Path.Combine(options.UpdatesDirectory, release.Version.ToString());
        if (StagedSha256(target) == release.Sha256)
        {
            return target;
        }

        Directory.CreateDirectory(options.UpdatesDirectory);
        var incoming = Path.Combine(options.UpdatesDirectory, ".incoming-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(incoming);
        try
        {
            var (size, sha256) = await DownloadAsync(release, Path.Combine(incoming, release.AssetFileName), cancellationToken);
            if (sha256 != release.Sha256)
            {
                throw new UpdateException(UpdateFailure.Install,
                    $"the release asset's SHA-256 is {sha256}, not the feed's {release.Sha256}: nothing was staged");
            }
            if (release.Size is { } expected && expected != size)
            {
                throw new UpdateException(UpdateFailure.Install, $"the release asset has {size} bytes, not the feed's {expected}: nothing was staged");
            }
            var manifest = new StagedManifest(release.Version.ToString(), channel, release.AssetFileName, release.AssetUrl.ToString(), sha256, size,
                time.GetUtcNow(), CurrentVersion.ToString());
            await File.WriteAllBytesAsync(Path.Combine(incoming, StagedManifest.FileName), JsonSerializer.SerializeToUtf8Bytes(manifest, ManifestJson),
                cancellationToken);
            if (Directory.Exists(target))
            {
                if (StagedSha256(target) == release.Sha256)
                {
                    return target; // staged meanwhile by another install
                }
                Directory.Delete(target, recursive: true);
            }
            Directory.Move(incoming, target);
            logger.LogInformation("Release {Version} ({Channel}) is verified and staged in {Folder}; it takes effect when the operator deploys it and restarts",
                release.Version, channel, target);
            return target;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UpdateException(UpdateFailure.Install, $"the release could not be staged in {options.UpdatesDirectory}: {ex.Message}", ex);
        }
        finally
        {
            if (Directory.Exists(incoming))
            {
                Directory.Delete(incoming, recursive: true);
            }
        }
    }

    private static string? StagedSha256(string folder)
    {
        try
        {
            var manifest = JsonSerializer.Deserialize<StagedManifest>(File.ReadAllBytes(Path.Combine(folder, StagedManifest.FileName)));
            return manifest is not null && File.Exists(Path.Combine(folder, manifest.AssetFileName)) ? manifest.Sha256 : null;
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private async Task<Release> ReadFeedAsync(string channel, CancellationToken cancellationToken)
    {
        var feedUrl = options.FeedUrl ?? throw new UpdateException(UpdateFailure.Disabled, "updater disabled");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(FeedTimeout);
        ReleaseFeed? feed;
        try
        {
            using var response = await http.GetAsync(feedUrl, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                throw new UpdateException(UpdateFailure.Feed, $"the release feed answered {(int)response.StatusCode}");
            }
            var body = await ReadCappedAsync(response, MaxFeedBytes, timeout.Token)
                ?? throw new UpdateException(UpdateFailure.Feed, $"the release feed is larger than {MaxFeedBytes} bytes");
            feed = JsonSerializer.Deserialize<ReleaseFeed>(body);
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new UpdateException(UpdateFailure.Feed, ex is OperationCanceledException
                ? $"the release feed did not answer within {FeedTimeout.TotalSeconds:0} s"
                : $"the release feed could not be read: {ex.Message}", ex);
        }

        if (feed?.Channels?.GetValueOrDefault(channel) is not { } entry)
        {
            throw new UpdateException(UpdateFailure.Feed, $"the release feed has no '{channel}' channel");
        }
        if (!ReleaseVersion.TryParse(entry.Version, out var version))
        {
            throw new UpdateException(UpdateFailure.Feed, $"the release feed's version '{entry.Version}' is not a semantic version");
        }
        if (entry.AssetUrl is not { Length: > 0 } || !Uri.TryCreate(feedUrl, entry.AssetUrl, out var assetUrl) || assetUrl.Scheme is not ("http" or "https"))
        {
            throw new UpdateException(UpdateFailure.Feed, "the release feed's asset_url must be an http or https URL");
        }
        var sha256 = entry.Sha256?.ToLowerInvariant();
        if (sha256 is not { Length: 64 } || !sha256.All(char.IsAsciiHexDigit))
        {
            throw new UpdateException(UpdateFailure.Feed, "the release feed's sha256 must be 64 hexadecimal digits");
        }
        return new Release(version, assetUrl, SafeFileName(entry.AssetFileName ?? Uri.UnescapeDataString(assetUrl.Segments[^1])), sha256,
            entry.Size is >= 0 ? entry.Size : null);
    }

    /// <summary>Streams the asset to <paramref name="path"/>, hashing as it goes; refuses more than the cap.</summary>
    private async Task<(long Size, string Sha256)> DownloadAsync(Release release, string path, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        try
        {
            using var response = await http.GetAsync(release.AssetUrl, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                throw new UpdateException(UpdateFailure.Install, $"the release asset download answered {(int)response.StatusCode}");
            }
            if (response.Content.Headers.ContentLength > options.MaxAssetBytes)
            {
                throw TooLarge();
            }
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using var source = await response.Content.ReadAsStreamAsync(timeout.Token);
            await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
            var buffer = new byte[81920];
            long total = 0;
            int read;
            while ((read = await source.ReadAsync(buffer, timeout.Token)) > 0)
            {
                total += read;
                if (total > options.MaxAssetBytes)
                {
                    throw TooLarge();
                }
                hash.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), timeout.Token);
            }
            return (total, Convert.ToHexStringLower(hash.GetHashAndReset()));
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new UpdateException(UpdateFailure.Install, ex is OperationCanceledException
                ? $"the release asset did not arrive within {options.Timeout}"
                : $"the release asset could not be downloaded: {ex.Message}", ex);
        }

        UpdateException TooLarge() => new(UpdateFailure.Install, $"the release asset is larger than {options.MaxAssetBytes} bytes (Client:Updater:MaxAssetBytes)");
    }

    private static async Task<byte[]?> ReadCappedAsync(HttpResponseMessage response, int maxBytes, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > maxBytes)
        {
            return null;
        }
        await using var source = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[16384];
        int read;
        while ((read = await source.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>The asset's own name when it is a plain file name, else <c>asset</c>.</summary>
    private static string SafeFileName(string name) =>
        name.Length is > 0 and <= 128 && name[0] != '.' && name != StagedManifest.FileName
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_')
            ? name
            : "asset";

    public void Dispose() => http.Dispose();

    private sealed record ReleaseFeed([property: JsonPropertyName("channels")] Dictionary<string, FeedEntry>? Channels);

    private sealed record FeedEntry(
        [property: JsonPropertyName("version")] string? Version,
        [property: JsonPropertyName("asset_url")] string? AssetUrl,
        [property: JsonPropertyName("asset_filename")] string? AssetFileName,
        [property: JsonPropertyName("sha256")] string? Sha256,
        [property: JsonPropertyName("size")] long? Size);
}

/// <summary>The <c>manifest.json</c> beside a staged release: what it is, where it came from, and its verified hash.</summary>
public sealed record StagedManifest(
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("channel")] string Channel,
    [property: JsonPropertyName("asset_filename")] string AssetFileName,
    [property: JsonPropertyName("asset_url")] string AssetUrl,
    [property: JsonPropertyName("sha256")] string Sha256,
    [property: JsonPropertyName("size")] long Size,
    [property: JsonPropertyName("staged_at")] DateTimeOffset StagedAt,
    [property: JsonPropertyName("staged_by_version")] string StagedByVersion)
{
    public const string FileName = "manifest.json";
}
