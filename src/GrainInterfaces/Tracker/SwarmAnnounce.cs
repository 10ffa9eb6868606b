namespace Swarmgrid.GrainInterfaces.Tracker;

/// <summary>One peer's announce as the swarm grain sees it: already parsed and checked by a tracker frontend.</summary>
/// <param name="PeerId">20 bytes.</param>
/// <param name="Address">The peer's IP address: 4 bytes (IPv4) or 16 bytes (IPv6).</param>
/// <param name="NumWant">How many peers to return (already capped by the frontend).</param>
/// <param name="IncludePeerIds">Return peer ids too (non-compact answers without <c>no_peer_id</c>).</param>
/// <param name="UserId">The passkey's user, when passkeys are on; traffic deltas are credited to that user.</param>
[GenerateSerializer, Immutable, Alias("Swarmgrid.SwarmAnnounce")]
public sealed record SwarmAnnounce(
    [property: Id(0)] byte[] PeerId,
    [property: Id(1)] byte[] Address,
    [property: Id(2)] ushort Port,
    [property: Id(3)] long Uploaded,
    [property: Id(4)] long Downloaded,
    [property: Id(5)] long Left,
    [property: Id(6)] AnnounceEvent Event,
    [property: Id(7)] int NumWant,
    [property: Id(8)] bool IncludePeerIds,
    [property: Id(9)] string? UserId);
