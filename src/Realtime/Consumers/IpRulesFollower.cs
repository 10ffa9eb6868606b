using Swarmgrid.GrainInterfaces.Security;
using Swarmgrid.Identity;

namespace Swarmgrid.Realtime;

/// <summary>
/// Reloads this process's IP rules when the security grain announces a change, and after a gap in the feed (in
/// processes that enforce them; a test silo without the identity system has none).
/// </summary>
public sealed class IpRulesFollower(IRealtimeFeed feed, IServiceProvider services) : IHostedService
{
    private IDisposable? subscription;
    private IpRulesGuard guard = null!;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (services.GetService<IpRulesGuard>() is not { } found)
        {
            return Task.CompletedTask;
        }
        guard = found;
        subscription = feed.Subscribe(events =>
            events.Any(e => e.Type == ISecurityGrain.IpRulesChangedEvent) ? guard.RefreshAsync() : Task.CompletedTask);
        feed.Resumed += Reload;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        if (subscription is not null)
        {
            feed.Resumed -= Reload;
            subscription.Dispose();
        }
        return Task.CompletedTask;
    }

    private void Reload() => _ = guard.RefreshAsync();
}
