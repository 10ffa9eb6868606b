using System.Net;
using Swarmgrid.GrainInterfaces.Security;
using Swarmgrid.Hosting;

namespace Swarmgrid.Identity;

/// <summary>
/// Enforces the security grain's allow and block CIDR lists on every request of every face (a blocked address gets
/// 403 before any handler runs). The rules are read once and then again only when they change: the security grain
/// announces every change on the realtime feed, and this process's feed consumer calls <see cref="RefreshAsync"/>
/// (also after the process lost the feed for a while). A change made through this process applies at once.
/// </summary>
public sealed class IpRulesGuard(IGrainFactory grains, ILogger<IpRulesGuard> logger) : IMiddleware
{
    private static readonly TimeSpan FirstLoadTimeout = TimeSpan.FromSeconds(2);

    // A reference swapped whole, so a request never sees the allow list of one load with the block list of another.
    private volatile LoadedRules? cached;

    public void Apply(IpRules rules) => cached = new LoadedRules(IpRanges.ParseAll(rules.Allow), IpRanges.ParseAll(rules.Block));

    private sealed record LoadedRules(IReadOnlyList<IPNetwork> Allow, IReadOnlyList<IPNetwork> Block);

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var rules = await RulesAsync();
        var address = context.Connection.RemoteIpAddress;
        var refused = address is not null
            && (IpRanges.AnyContains(rules.Block, address) || (rules.Allow.Count > 0 && !IpRanges.AnyContains(rules.Allow, address)));
        if (refused)
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.Response.WriteAsJsonAsync(new ErrorResponse("address not allowed"));
            return;
        }
        await next(context);
    }

    /// <summary>Reads the rules from the security grain; on failure the last known rules stay in force.</summary>
    public async Task RefreshAsync()
    {
        try
        {
            Apply(await grains.GetGrain<ISecurityGrain>(0).GetIpRulesAsync());
        }
        catch (Exception ex) when (ex is OrleansException or TimeoutException)
        {
            logger.LogWarning(ex, "IP rules could not be read; the last known rules stay in force");
        }
    }

    /// <summary>
    /// Requests never wait on the grain once rules are known. Until then a request waits at most
    /// <see cref="FirstLoadTimeout"/>; if the rules cannot be read (the database is down) it passes unchecked, so health
    /// probes keep answering, and the next request tries again.
    /// </summary>
    private async Task<LoadedRules> RulesAsync()
    {
        if (cached is { } rules)
        {
            return rules;
        }
        await RefreshAsync().WaitAsync(FirstLoadTimeout).ContinueWith(_ => { }, TaskScheduler.Default);
        return cached ?? new LoadedRules([], []);
    }
}
