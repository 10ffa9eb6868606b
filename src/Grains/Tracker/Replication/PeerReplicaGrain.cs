using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Swarmgrid.GrainInterfaces.Tracker;

namespace Swarmgrid.Grains.Tracker.Replication;

/// <summary>
/// Holds the peers of one origin silo's swarms in memory on another silo. Peers expire as they do in the swarm;
/// the replica lives as long as its silo (it is never collected for being idle).
/// </summary>
[ReplicaPlacement]
[CollectionAgeLimit(AlwaysActive = true)]
public sealed class PeerReplicaGrain(IOptions<TrackerOptions> options, TimeProvider clock, ILogger<PeerReplicaGrain> logger) : Grain, IPeerReplicaGrain
{
    private const int RestoreConcurrency = 32;
    private const int RestoreAttempts = 8;

    private Dictionary<string, Dictionary<PeerKey, ReplicatedPeer>> swarms = new(StringComparer.Ordinal);
    private int peerCount;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(ExpireAsync, new GrainTimerCreationOptions(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1)) { Interleave = true });
        return Task.CompletedTask;
    }

    public ValueTask ApplyAsync(SwarmPeerChanges[] batch)
    {
        foreach (var change in batch)
        {
            if (!swarms.TryGetValue(change.SwarmKey, out var peers))
            {
                peers = [];
                swarms[change.SwarmKey] = peers;
            }
            if (change.Full)
            {
                peerCount -= peers.Count;
                peers.Clear();
            }
            foreach (var peer in change.Peers)
            {
                Apply(peers, peer);
            }
            if (peers.Count == 0)
            {
                swarms.Remove(change.SwarmKey);
            }
        }
        return ValueTask.CompletedTask;
    }

    public async ValueTask<int> RestoreAsync()
    {
        var pending = swarms.ToList();
        swarms = new(StringComparer.Ordinal);
        peerCount = 0;
        if (pending.Count > 0)
        {
            logger.LogInformation("Silo {Origin} is gone; giving {Swarms} swarms their peers back", this.GetPrimaryKeyString(), pending.Count);
        }
        var restored = 0;
        Exception? lastFailure = null;
        for (var attempt = 1; pending.Count > 0 && attempt <= RestoreAttempts; attempt++)
        {
            if (attempt > 1)
            {
                // Calls may still reach for the dead silo until every silo has caught up with its death.
                await Task.Delay(TimeSpan.FromMilliseconds(250 * attempt));
            }
            var failed = new List<KeyValuePair<string, Dictionary<PeerKey, ReplicatedPeer>>>();
            // Chunks awaited on the grain's own scheduler (Parallel.ForEachAsync would leave it).
            foreach (var chunk in pending.Chunk(RestoreConcurrency))
            {
                var results = await Task.WhenAll(chunk.Select(async swarm =>
                {
                    try
                    {
                        await GrainFactory.GetGrain<ISwarmGrain>(swarm.Key).RestorePeersAsync(swarm.Value.Values.ToArray());
                        return (Swarm: swarm, Failure: (Exception?)null);
                    }
                    catch (Exception ex)
                    {
                        return (Swarm: swarm, Failure: ex);
                    }
                }));
                foreach (var (swarm, failure) in results)
                {
                    if (failure is null)
                    {
                        restored++;
                        continue;
                    }
                    logger.LogDebug(failure, "Swarm {Swarm} could not take its peers back yet", swarm.Key);
                    lastFailure = failure;
                    failed.Add(swarm);
                }
            }
            pending = failed.ToList();
        }
        if (pending.Count > 0)
        {
            logger.LogWarning("{Swarms} swarms of silo {Origin} could not take their peers back; they are kept for the next try", pending.Count,
                this.GetPrimaryKeyString());
            foreach (var (key, peers) in pending)
            {
                swarms[key] = peers;
                peerCount += peers.Count;
            }
            throw new InvalidOperationException($"{pending.Count} swarms could not take their peers back yet: {lastFailure?.Message}");
        }
        DeactivateOnIdle();
        return restored;
    }

    public ValueTask<(int Swarms, int Peers)> CountAsync() => ValueTask.FromResult((swarms.Count, peerCount));

    private void Apply(Dictionary<PeerKey, ReplicatedPeer> peers, ReplicatedPeer peer)
    {
        if (peer.PeerId.Length != 20)
        {
            return;
        }
        var key = PeerKey.From(peer.PeerId);
        if (peer.Removed)
        {
            if (peers.Remove(key))
            {
                peerCount--;
            }
            return;
        }
        if (peers.TryAdd(key, peer))
        {
            peerCount++;
        }
        else
        {
            peers[key] = peer;
        }
    }

    private Task ExpireAsync(CancellationToken cancellationToken)
    {
        var cutoff = (clock.GetUtcNow() - options.Value.PeerTimeout).UtcTicks;
        foreach (var (key, peers) in swarms.ToList())
        {
            foreach (var (peerKey, peer) in peers.ToList())
            {
                if (peer.LastSeenTicks < cutoff)
                {
                    peers.Remove(peerKey);
                    peerCount--;
                }
            }
            if (peers.Count == 0)
            {
                swarms.Remove(key);
            }
        }
        return Task.CompletedTask;
    }
}
