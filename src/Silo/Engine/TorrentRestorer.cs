using Swarmgrid.Data.Torrents;
using Swarmgrid.GrainInterfaces.Torrents;

namespace Swarmgrid.Silo.Engine;

/// <summary>
/// When the silo becomes active, wakes the grain of every torrent in the <c>torrents</c> read model, so that after a
/// restart each torrent runs again (in whichever silo its grain lands) without waiting for a call. Every silo does
/// this; waking an active grain is harmless.
/// </summary>
public sealed class TorrentRestorer(TorrentStore store, IGrainFactory grains, ILogger<TorrentRestorer> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly CancellationTokenSource stopping = new();
    private Task restoring = Task.CompletedTask;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(TorrentRestorer), ServiceLifecycleStage.Active, OnActiveAsync, OnStopAsync);

    private Task OnActiveAsync(CancellationToken cancellationToken)
    {
        // In the background: a silo's start must not wait for every torrent to be checked.
        restoring = Task.Run(() => RestoreAsync(stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task OnStopAsync(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync();
        await restoring;
        stopping.Dispose();
    }

    private async Task RestoreAsync(CancellationToken cancellationToken)
    {
        try
        {
            var torrents = await store.ListAsync(cancellationToken);
            foreach (var torrent in torrents)
            {
                cancellationToken.ThrowIfCancellationRequested();
                try
                {
                    await grains.GetGrain<ITorrentGrain>(torrent.InfoHash).GetStatusAsync();
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Torrent {InfoHash} could not be brought back", torrent.InfoHash);
                }
            }
            logger.LogInformation("Brought back {Count} torrents", torrents.Count);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or TimeoutException)
        {
            logger.LogWarning(ex, "The torrent list could not be read; torrents come back when first called");
        }
    }
}
