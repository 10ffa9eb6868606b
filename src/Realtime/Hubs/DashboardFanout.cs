using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using Swarmgrid.GrainInterfaces.Realtime;

namespace Swarmgrid.Realtime;

/// <summary>
/// Sends the feed to the hub's groups from one loop: each pass takes every event that arrived since the last one and
/// sends one <c>events</c> message per group. When connections are slow to take their messages, events wait in a
/// bounded queue and the next pass carries more of them at once, so the message count adapts to what the process and
/// its clients can take; at most <see cref="MaxSendsInFlight"/> passes are being written at a time, and past
/// <see cref="MaxQueued"/> waiting events the oldest are dropped (they are notifications; a client re-reads state).
/// </summary>
public sealed class DashboardFanout(IRealtimeFeed feed, IHubContext<DashboardHub> hub, ILogger<DashboardFanout> logger) : BackgroundService
{
    private const int MaxQueued = 50_000;
    private const int MaxPerPass = 5_000;
    private const int MaxSendsInFlight = 4;

    private readonly Channel<RealtimeEvent> queue = Channel.CreateBounded<RealtimeEvent>(new BoundedChannelOptions(MaxQueued)
    {
        FullMode = BoundedChannelFullMode.DropOldest,
        SingleReader = true,
    });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = feed.Subscribe(events =>
        {
            foreach (var e in events)
            {
                queue.Writer.TryWrite(e);
            }
            return Task.CompletedTask;
        });
        var inFlight = new List<Task>();
        var pass = new List<RealtimeEvent>();
        while (await queue.Reader.WaitToReadAsync(stoppingToken))
        {
            while (pass.Count < MaxPerPass && queue.Reader.TryRead(out var e))
            {
                pass.Add(e);
            }
            inFlight.RemoveAll(task => task.IsCompleted);
            if (inFlight.Count >= MaxSendsInFlight)
            {
                await Task.WhenAny(inFlight);
                inFlight.RemoveAll(task => task.IsCompleted);
            }
            inFlight.Add(SendAsync(pass.ToArray()));
            pass.Clear();
        }
    }

    private async Task SendAsync(IReadOnlyList<RealtimeEvent> events)
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
        try
        {
            await Task.WhenAll(byGroup.Select(g => hub.Clients.Group(g.Key).SendAsync(DashboardHub.EventsMethod, g.Value)));
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Realtime events could not be sent to every dashboard connection");
        }
    }
}
