using Microsoft.AspNetCore.SignalR;
using Swarmgrid.GrainInterfaces.Realtime;

namespace Swarmgrid.Realtime;

/// <summary>Sends each batch from the feed to the hub's groups: one <c>events</c> message per group per batch.</summary>
public sealed class DashboardFanout(IRealtimeFeed feed, IHubContext<DashboardHub> hub) : IHostedService
{
    private IDisposable? subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        subscription = feed.Subscribe(SendAsync);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        subscription?.Dispose();
        return Task.CompletedTask;
    }

    private Task SendAsync(IReadOnlyList<RealtimeEvent> events)
    {
        var byGroup = new Dictionary<string, List<Dictionary<string, object?>>>();
        foreach (var e in events)
        {
            var message = RealtimeMessage.From(e);
            foreach (var group in RealtimeTopics.Groups(e))
            {
                if (!byGroup.TryGetValue(group, out var list))
                {
                    byGroup[group] = list = [];
                }
                list.Add(message);
            }
        }
        return Task.WhenAll(byGroup.Select(g => hub.Clients.Group(g.Key).SendAsync(DashboardHub.EventsMethod, g.Value)));
    }
}
