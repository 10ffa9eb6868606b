using Orleans.Concurrency;

namespace Swarmgrid.GrainInterfaces.Tracker;

/// <summary>
/// One swarm of the tracker, keyed by the 40-character lower-case hex of the 20-byte info-hash used on the wire
/// (a v1 SHA-1, or a v2 SHA-256 truncated to 20 bytes). Peers are soft state and expire when they stop announcing.
/// </summary>
public interface ISwarmGrain : IGrainWithStringKey
{
    /// <summary>Records the announce and answers with other peers of the swarm.</summary>
    [Idempotent]
    ValueTask<SwarmPeers> AnnounceAsync(SwarmAnnounce announce);

    /// <summary>Seeders, leechers and completed downloads.</summary>
    [Idempotent]
    ValueTask<SwarmCounts> ScrapeAsync();

    /// <summary>Drops every peer and refuses further announces (a registry delete).</summary>
    ValueTask BlockAsync(string? reason);

    /// <summary>Makes this swarm an alias of <paramref name="canonicalKey"/> (the other hash of a hybrid torrent).</summary>
    ValueTask AliasToAsync(string canonicalKey);

    /// <summary>Takes back peers from the replica of a dead silo; peers the swarm heard from since are kept as they are.</summary>
    [Idempotent]
    ValueTask RestorePeersAsync(ReplicatedPeer[] peers);

    /// <summary>Sends every peer to this silo's replica again (the replica moved or a silo joined).</summary>
    [OneWay]
    ValueTask ResyncReplicaAsync();
}
