using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Swarmgrid.GrainInterfaces.Realtime;

namespace Swarmgrid.Grains.Realtime;

/// <summary>
/// How grains put events on the feed: <see cref="Publish"/> never waits; a loop per silo sends what accumulated to the
/// feed grain in one batch every <see cref="BatchWindow"/>, so a burst of progress ticks costs one grain call.
/// </summary>
public sealed class RealtimePublisher(IGrainFactory grains, TimeProvider clock, ILogger<RealtimePublisher> logger) : BackgroundService
{
    public static readonly TimeSpan BatchWindow = TimeSpan.FromMilliseconds(50);
    private const int MaxBatch = 1000;
    private const int MaxQueued = 100_000;

    public static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    private readonly Channel<RealtimeEvent> queue = Channel.CreateBounded<RealtimeEvent>(new BoundedChannelOptions(MaxQueued)
    {
        FullMode = BoundedChannelFullMode.DropOldest,
        SingleReader = true,
    });

    /// <summary>Queues an event of <paramref name="type"/> with <paramref name="payload"/> serialized in snake_case.</summary>
    public void Publish<T>(string type, string topic, string? subject, T payload) =>
        queue.Writer.TryWrite(new RealtimeEvent(Guid.NewGuid().ToString("N"), type, topic, subject, clock.GetUtcNow(),
            JsonSerializer.Serialize(payload, PayloadJson)));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<RealtimeEvent>();
        while (await queue.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
        {
            await Task.Delay(BatchWindow, clock, stoppingToken).ConfigureAwait(false);
            while (batch.Count < MaxBatch && queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }
            try
            {
                await grains.GetGrain<IRealtimeFeedGrain>(0).PublishAsync(batch.ToArray());
            }
            catch (Exception ex) when (ex is OrleansException or TimeoutException)
            {
                // Realtime events are notifications, not records: a batch lost while the feed grain moves is logged only.
                logger.LogWarning(ex, "{Count} realtime events could not be published", batch.Count);
            }
            batch.Clear();
        }
    }
}
