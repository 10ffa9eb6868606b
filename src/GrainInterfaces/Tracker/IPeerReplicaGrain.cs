namespace Swarmgrid.GrainInterfaces.Tracker;

/// <summary>
/// The replica of one silo's swarm peers, keyed by that silo's address and kept on another silo (as opentracker's
/// livesync shares peers between trackers): the origin silo sends batched peer changes; when the origin dies, the
/// replica gives every swarm it held its peers back, on whichever silo the swarm activates next.
/// </summary>
public interface IPeerReplicaGrain : IGrainWithStringKey
{
    /// <summary>Applies a batch of swarm peer changes from the origin silo.</summary>
    ValueTask ApplyAsync(SwarmPeerChanges[] batch);

    /// <summary>The origin silo is dead: hands each swarm its peers back and empties the replica. Returns the swarms restored.</summary>
    ValueTask<int> RestoreAsync();

    /// <summary>How many swarms and peers the replica holds.</summary>
    ValueTask<(int Swarms, int Peers)> CountAsync();
}
