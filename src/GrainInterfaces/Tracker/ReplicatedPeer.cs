namespace Swarmgrid.GrainInterfaces.Tracker;

/// <summary>
/// One peer of a swarm as its replica keeps it: enough to answer announces again after the swarm's silo died.
/// <paramref name="Removed"/> marks a peer that left (stopped or expired).
/// </summary>
[GenerateSerializer, Immutable, Alias("Swarmgrid.ReplicatedPeer")]
public sealed record ReplicatedPeer(
    [property: Id(0)] byte[] PeerId,
    [property: Id(1)] byte[] Address,
    [property: Id(2)] ushort Port,
    [property: Id(3)] bool Seeder,
    [property: Id(4)] long Uploaded,
    [property: Id(5)] long Downloaded,
    [property: Id(6)] long LastSeenTicks,
    [property: Id(7)] bool Removed = false);

/// <summary>The changes of one swarm's peers since its previous batch (or all of them, on a resync).</summary>
[GenerateSerializer, Immutable, Alias("Swarmgrid.SwarmPeerChanges")]
public sealed record SwarmPeerChanges([property: Id(0)] string SwarmKey, [property: Id(1)] ReplicatedPeer[] Peers, [property: Id(2)] bool Full = false);
