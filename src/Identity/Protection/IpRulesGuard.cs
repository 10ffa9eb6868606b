using System.Net;
using Swarmgrid.GrainInterfaces.Security;
using Swarmgrid.Hosting;

namespace Swarmgrid.Identity;

/// <summary>
/// Enforces the security grain's allow and block CIDR lists on every request of every face (a blocked address gets
/// 403 before any handler runs). Rules are cached for a few seconds; a change through this process applies at once.
/// </summary>
public sealed class IpRulesGuard(IGrainFactory grains, TimeProvider clock, ILogger<IpRulesGuard> logger) : IMiddleware
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan FirstLoadTimeout = TimeSpan.FromSeconds(2);

    private int refreshing;

    // A reference swapped whole, so a request never sees the allow list of one load with the block list of another.
    private volatile LoadedRules? cached;

    public void Apply(IpRules rules) => cached = new LoadedRules(IpRanges.ParseAll(rules.Allow), IpRanges.ParseAll(rules.Block), clock.GetUtcNow());

    private sealed record LoadedRules(IReadOnlyList<IPNetwork> Allow, IReadOnlyList<IPNetwork> Block, DateTimeOffset LoadedAt);

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var rules = await RulesAsync();
        var address = context.Connection.RemoteIpAddress;
        var refused = address is not null
            && (IpRanges.AnyContains(rules.Block, address) || (rules.Allow.Count > 0 && !IpRanges.AnyContains(rules.Allow, address)));
        if (refused)
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.Response.WriteAsJsonAsync(new { error = "address not allowed" });
            return;
        }
        await next(context);
    }

    /// <summary>
    /// Requests never wait on the grain once rules are known: stale rules are refreshed in the background. Only the
    /// first request waits, at most <see cref="FirstLoadTimeout"/>; if the rules cannot be read (the database is down)
    /// it passes unchecked, so health probes keep answering, and the next request tries again.
    /// </summary>
    private async Task<(IReadOnlyList<IPNetwork> Allow, IReadOnlyList<IPNetwork> Block)> RulesAsync()
    {
        if (cached is { } rules)
        {
            if (clock.GetUtcNow() - rules.LoadedAt >= CacheFor && Interlocked.Exchange(ref refreshing, 1) == 0)
            {
                _ = RefreshAsync();
            }
            return (rules.Allow, rules.Block);
        }
        await RefreshAsync().WaitAsync(FirstLoadTimeout).ContinueWith(_ => { }, TaskScheduler.Default);
        return cached is { } loaded ? (loaded.Allow, loaded.Block) : ([], []);
    }

    private async Task RefreshAsync()
    {
        try
        {
            Apply(await grains.GetGrain<ISecurityGrain>(0).GetIpRulesAsync());
        }
        catch (Exception ex) when (ex is OrleansException or TimeoutException)
        {
            logger.LogWarning(ex, "IP rules could not be refreshed; the last known rules stay in force");
        }
        finally
        {
            Interlocked.Exchange(ref refreshing, 0);
        }
    }

}
