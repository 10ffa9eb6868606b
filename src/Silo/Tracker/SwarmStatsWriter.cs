using System.Data.Common;
using Swarmgrid.Data.Registry;
using Swarmgrid.Grains.Tracker;

namespace Swarmgrid.Silo.Tracker;

/// <summary>Writes this silo's buffered swarm figures to the read model in one transaction every few seconds.</summary>
public sealed class SwarmStatsWriter(SwarmStatsBuffer buffer, SwarmStatsStore store, TimeProvider clock, ILogger<SwarmStatsWriter> logger)
    : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await FlushAsync(CancellationToken.None);
        }
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        var batch = buffer.Drain();
        try
        {
            await store.WriteManyAsync(batch, clock.GetUtcNow(), cancellationToken);
        }
        catch (Exception ex) when (ex is DbException or TimeoutException or OperationCanceledException)
        {
            buffer.Return(batch);
            logger.LogWarning(ex, "{Count} swarm figures not written; they will be retried", batch.Count);
        }
    }
}
