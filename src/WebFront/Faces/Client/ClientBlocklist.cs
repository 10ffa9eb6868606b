using Swarmgrid.BitTorrent.Client;
using Swarmgrid.GrainInterfaces.Client;
using Swarmgrid.GrainInterfaces.Settings;
using Swarmgrid.Hosting.Network.Outbound;

namespace Swarmgrid.WebFront.Faces.Client;

/// <summary>
/// Configuration <c>Blocklist</c>: <c>MaxBytes</c> caps the fetched body and, for a gzip body, what it unpacks to
/// (50 MiB by default); <c>TimeoutSeconds</c> bounds the whole fetch (30 by default).
/// </summary>
public sealed record BlocklistOptions(long MaxBytes, TimeSpan Timeout)
{
    public const long DefaultMaxBytes = 50L * 1024 * 1024;

    public static BlocklistOptions From(IConfiguration configuration) => new(
        Math.Max(1, configuration.GetValue("Blocklist:MaxBytes", DefaultMaxBytes)),
        TimeSpan.FromSeconds(Math.Clamp(configuration.GetValue("Blocklist:TimeoutSeconds", 30), 1, 600)));
}

/// <summary>How a fetch of the blocklist ended.</summary>
public enum BlocklistFetchResult
{
    /// <summary>The list was fetched, read and put in force.</summary>
    Loaded,

    /// <summary>No URL is configured, the URL fails the outbound rules, or the list is turned off: a 400.</summary>
    Refused,

    /// <summary>The upstream or its body failed (unreachable, timeout, error status, over the cap, redirected to a refused address, no valid line): a 502.</summary>
    Failed,
}

public sealed record BlocklistFetchOutcome(BlocklistFetchResult Result, string? Error);

/// <summary>
/// Fetches the client's IP blocklist with the <see cref="OutboundFetcher"/>, reads it (<see cref="BlocklistParser"/>)
/// and hands the merged ranges to the blocklist grain, which keeps them and tells every silo's engine. One fetch at a
/// time per web front; a failure is kept as the grain's <c>error</c> and leaves the list in force as it was.
/// </summary>
public sealed class ClientBlocklist(
    OutboundFetcher fetcher, BlocklistOptions options, IGrainFactory grains, IHostApplicationLifetime lifetime, ILogger<ClientBlocklist> logger)
{
    private readonly SemaphoreSlim one = new(1, 1);

    private IClientBlocklistGrain Grain => grains.GetGrain<IClientBlocklistGrain>(0);

    /// <summary>Starts a fetch of the configured list in the background (the answer to turning the list on).</summary>
    public void Start() => _ = Task.Run(async () =>
    {
        try
        {
            var outcome = await RefreshAsync(lifetime.ApplicationStopping);
            if (outcome.Result != BlocklistFetchResult.Loaded)
            {
                logger.LogWarning("The IP blocklist was not loaded: {Error}", outcome.Error);
            }
        }
        catch (Exception ex) when (!lifetime.ApplicationStopping.IsCancellationRequested)
        {
            logger.LogWarning(ex, "The IP blocklist could not be fetched");
        }
        catch (OperationCanceledException)
        {
        }
    });

    /// <summary>Fetches the configured list now and puts it in force when it holds at least one valid line.</summary>
    public async Task<BlocklistFetchOutcome> RefreshAsync(CancellationToken cancellationToken)
    {
        await one.WaitAsync(cancellationToken);
        try
        {
            var (url, enabled) = await ConfiguredAsync();
            if (!enabled)
            {
                return new(BlocklistFetchResult.Refused, "the blocklist is not enabled");
            }
            if (OutboundUrl.Problem(url, fetcher.Options.AllowLoopback) is { } problem)
            {
                await Grain.FailAsync(problem);
                return new(BlocklistFetchResult.Refused, problem);
            }
            BlocklistParseResult parsed;
            try
            {
                var response = await fetcher.GetAsync(new OutboundRequest(new Uri(url), options.MaxBytes, options.Timeout), cancellationToken);
                parsed = BlocklistParser.Parse(response.Body, options.MaxBytes);
            }
            catch (Exception ex) when (ex is OutboundFailedException or OutboundRefusedException or InvalidDataException)
            {
                return await FailAsync(ex.Message);
            }
            if (parsed.Ranges == 0)
            {
                return await FailAsync($"the list holds no valid entry ({parsed.Malformed} malformed lines)");
            }
            // Turned off or pointed elsewhere while the fetch ran: this list is no longer wanted.
            if (await ConfiguredAsync() != (url, true))
            {
                return new(BlocklistFetchResult.Refused, "the blocklist settings changed during the fetch");
            }
            await Grain.LoadAsync(parsed.Filter.ToBytes(), parsed.Ranges);
            logger.LogInformation("IP blocklist loaded from {Url}: {Ranges} ranges, {Malformed} malformed lines skipped", url, parsed.Ranges, parsed.Malformed);
            return new(BlocklistFetchResult.Loaded, null);
        }
        finally
        {
            one.Release();
        }
    }

    /// <summary>Turns the list off: the grain drops it and every engine its filter.</summary>
    public Task ClearAsync() => Grain.ClearAsync().AsTask();

    private async Task<(string Url, bool Enabled)> ConfiguredAsync()
    {
        var values = await ClientSettings.ReadAsync(grains);
        return (values.Text(ClientSettingKeys.BlocklistUrl), values.Flag(ClientSettingKeys.BlocklistEnabled));
    }

    private async Task<BlocklistFetchOutcome> FailAsync(string error)
    {
        await Grain.FailAsync(error);
        return new(BlocklistFetchResult.Failed, error);
    }
}
