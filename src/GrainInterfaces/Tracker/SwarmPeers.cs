namespace Swarmgrid.GrainInterfaces.Tracker;

/// <summary>
/// The answer to an announce: swarm counts and the selected peers in compact form
/// (<see cref="Peers4"/>: 6 bytes each, <see cref="Peers6"/>: 18 bytes each), with their ids when asked for
/// (20 bytes each, in the same order). <see cref="Failure"/> is set instead when the swarm refuses the announce.
/// </summary>
[GenerateSerializer, Immutable, Alias("Swarmgrid.SwarmPeers")]
public sealed record SwarmPeers(
    [property: Id(0)] int Complete,
    [property: Id(1)] int Incomplete,
    [property: Id(2)] byte[] Peers4,
    [property: Id(3)] byte[] Peers6,
    [property: Id(4)] byte[]? PeerIds4,
    [property: Id(5)] byte[]? PeerIds6,
    [property: Id(6)] string? Failure = null)
{
    public static SwarmPeers Refused(string failure) => new(0, 0, [], [], null, null, failure);
}
