using Microsoft.Extensions.Logging;
using System.Collections.Concurrent;
using Swarmgrid.GrainInterfaces.Tracker;

namespace Swarmgrid.Grains.Tracker.Replication;

/// <summary>
/// This silo's side of swarm replication. Swarm grains record each peer change here (a queue append); every
/// <see cref="SendEvery"/> the changes go to this silo's <see cref="IPeerReplicaGrain"/> on another silo in one batch,
/// the latest change per peer only. When membership changes, every local swarm sends its whole peer list again (the
/// replica may have moved), and the replica of each silo declared dead gives its swarms their peers back. Nothing is
/// recorded while this silo is alone in the cluster.
/// </summary>
public sealed class SwarmReplication(
    IClusterMembershipService membership,
    ILocalSiloDetails local,
    IGrainFactory grains,
    ILogger<SwarmReplication> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public static readonly TimeSpan SendEvery = TimeSpan.FromMilliseconds(250);

    private const int MaxQueued = 2_000_000;
    private const int SwarmsPerBatch = 2_000;
    private static readonly TimeSpan RestoreRetryFor = TimeSpan.FromSeconds(60);

    private readonly ConcurrentQueue<(string Swarm, ReplicatedPeer Peer, bool Full)> queue = new();
    private readonly ConcurrentDictionary<string, byte> localSwarms = new(StringComparer.Ordinal);
    private readonly HashSet<SiloAddress> restored = [];
    private readonly CancellationTokenSource stopping = new();
    private volatile bool replicating;
    private volatile bool resyncWanted;
    private Task running = Task.CompletedTask;

    /// <summary>Whether another silo is there to hold a replica.</summary>
    public bool Replicating => replicating;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SwarmReplication), ServiceLifecycleStage.Active, OnActiveAsync, OnStopAsync);

    public void SwarmActivated(string swarmKey) => localSwarms.TryAdd(swarmKey, 0);

    public void SwarmDeactivated(string swarmKey) => localSwarms.TryRemove(swarmKey, out _);

    /// <summary>A peer of <paramref name="swarmKey"/> announced, changed or left.</summary>
    public void Record(string swarmKey, ReplicatedPeer peer)
    {
        if (replicating)
        {
            Enqueue(swarmKey, peer, full: false);
        }
    }

    /// <summary>The whole peer list of <paramref name="swarmKey"/>, replacing what the replica holds for it.</summary>
    public void RecordAll(string swarmKey, ReplicatedPeer[] peers)
    {
        if (!replicating)
        {
            return;
        }
        Enqueue(swarmKey, null, full: true);
        foreach (var peer in peers)
        {
            Enqueue(swarmKey, peer, full: false);
        }
    }

    private void Enqueue(string swarmKey, ReplicatedPeer? peer, bool full)
    {
        if (queue.Count >= MaxQueued)
        {
            // The replica is not keeping up: drop the backlog and send everything again once it does.
            queue.Clear();
            resyncWanted = true;
            return;
        }
        queue.Enqueue((swarmKey, peer!, full));
    }

    private Task OnActiveAsync(CancellationToken cancellationToken)
    {
        replicating = OthersActive(membership.CurrentSnapshot) > 0;
        running = Task.WhenAll(
            Task.Run(() => SendLoopAsync(stopping.Token), CancellationToken.None),
            Task.Run(() => WatchMembershipAsync(stopping.Token), CancellationToken.None));
        return Task.CompletedTask;
    }

    private async Task OnStopAsync(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync();
        await running;
        stopping.Dispose();
    }

    private async Task SendLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(SendEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                if (resyncWanted && replicating)
                {
                    resyncWanted = false;
                    Resync();
                }
                await SendPendingAsync();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task SendPendingAsync()
    {
        if (queue.IsEmpty)
        {
            return;
        }
        var changes = new Dictionary<string, (bool Full, Dictionary<PeerKey, ReplicatedPeer> Peers)>(StringComparer.Ordinal);
        while (queue.TryDequeue(out var item))
        {
            if (!changes.TryGetValue(item.Swarm, out var swarm) || item.Full)
            {
                swarm = (item.Full || swarm.Full, []);
                changes[item.Swarm] = swarm;
            }
            if (item.Peer is { PeerId.Length: 20 } peer)
            {
                swarm.Peers[PeerKey.From(peer.PeerId)] = peer;
            }
        }
        var replica = grains.GetGrain<IPeerReplicaGrain>(local.SiloAddress.ToParsableString());
        foreach (var batch in changes.Chunk(SwarmsPerBatch))
        {
            try
            {
                await replica.ApplyAsync(batch.Select(swarm => new SwarmPeerChanges(swarm.Key, swarm.Value.Peers.Values.ToArray(), swarm.Value.Full)).ToArray());
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Peer changes could not reach this silo's replica; every swarm sends its peers again");
                resyncWanted = true;
                return;
            }
        }
    }

    /// <summary>Asks every local swarm to send its whole peer list.</summary>
    private void Resync()
    {
        foreach (var swarm in localSwarms.Keys)
        {
            grains.GetGrain<ISwarmGrain>(swarm).ResyncReplicaAsync().AsTask().ContinueWith(
                task => logger.LogDebug(task.Exception, "Swarm {Swarm} could not resync its replica", swarm), TaskContinuationOptions.OnlyOnFaulted);
        }
    }

    private async Task WatchMembershipAsync(CancellationToken cancellationToken)
    {
        foreach (var member in membership.CurrentSnapshot.Members.Values.Where(member => member.Status == SiloStatus.Dead))
        {
            restored.Add(member.SiloAddress);
        }
        var active = ActiveSilos(membership.CurrentSnapshot);
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(cancellationToken))
            {
                replicating = OthersActive(snapshot) > 0;
                var nowActive = ActiveSilos(snapshot);
                if (!nowActive.SetEquals(active))
                {
                    active = nowActive;
                    resyncWanted = true;
                }
                foreach (var member in snapshot.Members.Values)
                {
                    if (member.Status == SiloStatus.Dead && !member.SiloAddress.Equals(local.SiloAddress) && restored.Add(member.SiloAddress))
                    {
                        _ = Task.Run(() => RestoreSwarmsOfAsync(member.SiloAddress, cancellationToken), CancellationToken.None);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Has the dead silo's replica give its swarms their peers back, retrying while calls still reach for the dead silo.</summary>
    private async Task RestoreSwarmsOfAsync(SiloAddress dead, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + RestoreRetryFor;
        for (var attempt = 1; !cancellationToken.IsCancellationRequested; attempt++)
        {
            try
            {
                var swarms = await grains.GetGrain<IPeerReplicaGrain>(dead.ToParsableString()).RestoreAsync();
                if (swarms > 0)
                {
                    logger.LogInformation("Restored the peers of {Swarms} swarms of the dead silo {Silo}", swarms, dead);
                }
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException && DateTime.UtcNow < deadline)
            {
                logger.LogDebug(ex, "Restoring the swarms of {Silo} failed (attempt {Attempt}); retrying", dead, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(2000, 200 * attempt)), cancellationToken);
            }
        }
    }

    private int OthersActive(ClusterMembershipSnapshot snapshot) =>
        snapshot.Members.Values.Count(member => member.Status == SiloStatus.Active && !member.SiloAddress.Equals(local.SiloAddress));

    private static HashSet<SiloAddress> ActiveSilos(ClusterMembershipSnapshot snapshot) =>
        snapshot.Members.Values.Where(member => member.Status == SiloStatus.Active).Select(member => member.SiloAddress).ToHashSet();
}
