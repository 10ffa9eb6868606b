using Microsoft.Extensions.Options;
using Swarmgrid.Data.Registry;
using Swarmgrid.GrainInterfaces;
using Swarmgrid.GrainInterfaces.Tracker;
using Swarmgrid.GrainInterfaces.Users;
using Swarmgrid.Grains.Tracker.Replication;

namespace Swarmgrid.Grains.Tracker;

public sealed class SwarmGrain(
    [PersistentState("swarm", StorageNames.Main)] IPersistentState<SwarmState> state,
    IOptions<TrackerOptions> options,
    SiloTrackerActivity activity,
    SwarmStatsBuffer statsBuffer,
    SwarmReplication replication,
    TimeProvider clock) : Grain, ISwarmGrain
{
    private readonly PeerStore peers = new();
    private readonly Dictionary<string, TrafficDelta> pendingTraffic = [];
    private bool completionsDirty;
    private SwarmStatsRecord? lastWrittenStats;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A random first tick keeps swarms activated together from flushing together.
        var period = options.Value.FlushPeriod;
        var firstTick = TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * period.TotalMilliseconds);
        this.RegisterGrainTimer(HousekeepAsync, new GrainTimerCreationOptions(firstTick, period) { Interleave = true });
        replication.SwarmActivated(this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        replication.SwarmDeactivated(this.GetPrimaryKeyString());
        activity.PeersChanged(peers.Count, 0);
        await FlushAsync();
    }

    public async ValueTask<SwarmPeers> AnnounceAsync(SwarmAnnounce announce)
    {
        if (state.State.AliasOf is { } canonical)
        {
            return await GrainFactory.GetGrain<ISwarmGrain>(canonical).AnnounceAsync(announce);
        }
        if (state.State.Blocked)
        {
            return SwarmPeers.Refused("torrent is not allowed on this tracker");
        }

        var before = peers.Count;
        var now = clock.GetUtcNow().UtcTicks;
        var delta = peers.Apply(announce, now);
        activity.PeersChanged(before, peers.Count);
        if (replication.Replicating)
        {
            replication.Record(this.GetPrimaryKeyString(), new ReplicatedPeer(announce.PeerId, announce.Address, announce.Port, announce.Left == 0,
                announce.Uploaded, announce.Downloaded, now, Removed: announce.Event == AnnounceEvent.Stopped));
        }
        if (announce.Event == AnnounceEvent.Completed)
        {
            state.State.Completions++;
            completionsDirty = true;
        }
        if (announce.UserId is { } user && (delta.Uploaded > 0 || delta.Downloaded > 0))
        {
            var pending = pendingTraffic.GetValueOrDefault(user);
            pendingTraffic[user] = new TrafficDelta(pending.Uploaded + delta.Uploaded, pending.Downloaded + delta.Downloaded);
        }

        if (announce.Event == AnnounceEvent.Stopped)
        {
            return new SwarmPeers(peers.Seeders, peers.Leechers, [], [], null, null);
        }
        return peers.Select(announce.PeerId, announce.Left == 0, announce.NumWant, announce.IncludePeerIds, Random.Shared);
    }

    public async ValueTask<SwarmCounts> ScrapeAsync()
    {
        if (state.State.AliasOf is { } canonical)
        {
            return await GrainFactory.GetGrain<ISwarmGrain>(canonical).ScrapeAsync();
        }
        return new SwarmCounts(peers.Seeders, peers.Leechers, state.State.Completions, state.State.Blocked);
    }

    public async ValueTask BlockAsync(string? reason)
    {
        activity.PeersChanged(peers.Count, 0);
        peers.Clear();
        replication.RecordAll(this.GetPrimaryKeyString(), []);
        state.State.Blocked = true;
        state.State.BlockReason = reason;
        await state.WriteStateAsync();
    }

    public async ValueTask AliasToAsync(string canonicalKey)
    {
        if (canonicalKey == this.GetPrimaryKeyString() || state.State.AliasOf == canonicalKey)
        {
            return;
        }
        activity.PeersChanged(peers.Count, 0);
        peers.Clear();
        replication.RecordAll(this.GetPrimaryKeyString(), []);
        state.State.AliasOf = canonicalKey;
        await state.WriteStateAsync();
    }

    public async ValueTask RestorePeersAsync(ReplicatedPeer[] replicated)
    {
        if (state.State.AliasOf is { } canonical)
        {
            await GrainFactory.GetGrain<ISwarmGrain>(canonical).RestorePeersAsync(replicated);
            return;
        }
        if (state.State.Blocked)
        {
            return;
        }
        var before = peers.Count;
        var cutoff = (clock.GetUtcNow() - options.Value.PeerTimeout).UtcTicks;
        foreach (var peer in replicated.Where(peer => peer.LastSeenTicks >= cutoff))
        {
            peers.Restore(peer);
        }
        activity.PeersChanged(before, peers.Count);
        replication.RecordAll(this.GetPrimaryKeyString(), peers.Snapshot());
    }

    public ValueTask ResyncReplicaAsync()
    {
        if (state.State.AliasOf is null && !state.State.Blocked)
        {
            replication.RecordAll(this.GetPrimaryKeyString(), peers.Snapshot());
        }
        return ValueTask.CompletedTask;
    }

    private async Task HousekeepAsync(CancellationToken cancellationToken)
    {
        var before = peers.Count;
        peers.ExpireOlderThan((clock.GetUtcNow() - options.Value.PeerTimeout).UtcTicks);
        activity.PeersChanged(before, peers.Count);
        if (peers.Count > 0)
        {
            // Peers announce every interval (30 min); idle collection must not take a swarm that still has peers.
            DelayDeactivation(options.Value.PeerTimeout);
        }
        await FlushAsync();
    }

    /// <summary>Completions, swarm figures and user traffic are written in batches, never once per announce.</summary>
    private async Task FlushAsync()
    {
        await WriteStatsAsync();
        if (completionsDirty)
        {
            completionsDirty = false;
            await state.WriteStateAsync();
        }
        if (pendingTraffic.Count > 0)
        {
            var batch = pendingTraffic.ToList();
            pendingTraffic.Clear();
            await Task.WhenAll(batch.Select(entry =>
                GrainFactory.GetGrain<IUserGrain>(entry.Key).AddTrackerTrafficAsync(entry.Value.Uploaded, entry.Value.Downloaded).AsTask()));
        }
    }

    private Task WriteStatsAsync()
    {
        var stats = new SwarmStatsRecord(this.GetPrimaryKeyString(), peers.Seeders, peers.Leechers, state.State.Completions);
        var nothingToSay = lastWrittenStats is null && stats is { Seeders: 0, Leechers: 0, Completions: 0 };
        if (state.State.AliasOf is null && stats != lastWrittenStats && !nothingToSay)
        {
            statsBuffer.Offer(stats);
            lastWrittenStats = stats;
        }
        return Task.CompletedTask;
    }
}
