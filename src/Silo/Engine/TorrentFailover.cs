using Orleans.Runtime;
using Swarmgrid.Data.Torrents;
using Swarmgrid.GrainInterfaces.Torrents;

namespace Swarmgrid.Silo.Engine;

/// <summary>
/// Brings back the torrents of a silo that died (or left): every silo watches cluster membership, and when a silo is
/// declared dead it wakes each torrent the read model says that silo ran, so the torrent grain activates on a live silo
/// at once (rather than at its next call) and its engine resumes from the data on disk. Every surviving silo does this;
/// waking an active grain is harmless.
/// </summary>
public sealed class TorrentFailover(
    IClusterMembershipService membership,
    ILocalSiloDetails local,
    TorrentStore store,
    IGrainFactory grains,
    TimeProvider time,
    ILogger<TorrentFailover> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>How long a torrent is retried while calls still reach for the dead silo.</summary>
    public static readonly TimeSpan WakeFor = TimeSpan.FromSeconds(60);

    /// <summary>
    /// A call that reached for the dead silo before the directory recovered its range may never be answered: each try
    /// gives up soon and the next is sent afresh.
    /// </summary>
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(2);

    private readonly CancellationTokenSource stopping = new();
    private readonly HashSet<SiloAddress> handled = [];
    private Task watching = Task.CompletedTask;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(TorrentFailover), ServiceLifecycleStage.Active, OnActiveAsync, OnStopAsync);

    private Task OnActiveAsync(CancellationToken cancellationToken)
    {
        watching = Task.Run(() => WatchAsync(stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task OnStopAsync(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync();
        await watching;
        stopping.Dispose();
    }

    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        // Silos dead before this one started are the restorer's business (it wakes every torrent at start).
        foreach (var member in membership.CurrentSnapshot.Members.Values.Where(m => m.Status == SiloStatus.Dead))
        {
            handled.Add(member.SiloAddress);
        }
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(cancellationToken))
            {
                foreach (var member in snapshot.Members.Values)
                {
                    if (member.Status == SiloStatus.Dead && !member.SiloAddress.Equals(local.SiloAddress) && handled.Add(member.SiloAddress))
                    {
                        _ = Task.Run(() => WakeTorrentsOfAsync(member.SiloAddress, cancellationToken), CancellationToken.None);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task WakeTorrentsOfAsync(SiloAddress dead, CancellationToken cancellationToken)
    {
        try
        {
            var torrents = await store.ListBySiloAsync(dead.ToString(), cancellationToken);
            if (torrents.Count == 0)
            {
                return;
            }
            logger.LogInformation("Silo {Silo} is dead; waking its {Count} torrents", dead, torrents.Count);
            await Parallel.ForEachAsync(torrents, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
                async (torrent, token) => await WakeAsync(torrent.InfoHash, token));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or TimeoutException)
        {
            logger.LogWarning(ex, "The torrents of the dead silo {Silo} could not be listed; they come back when next called", dead);
        }
    }

    private async Task WakeAsync(string infoHash, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + WakeFor;
        while (true)
        {
            try
            {
                await grains.GetGrain<ITorrentGrain>(infoHash).GetStatusAsync().AsTask().WaitAsync(AttemptTimeout, cancellationToken);
                return;
            }
            catch (Exception ex) when (ex is OrleansException or TimeoutException && time.GetUtcNow() < deadline)
            {
                // The directory may still point at the dead silo for a moment.
                await Task.Delay(TimeSpan.FromMilliseconds(500), time, cancellationToken);
            }
            catch (Exception ex) when (ex is OrleansException or TimeoutException)
            {
                logger.LogWarning(ex, "Torrent {InfoHash} of a dead silo could not be woken", infoHash);
                return;
            }
        }
    }
}
