namespace Swarmgrid.BitTorrent.Tracker;

/// <summary>A peer in an announce response: where it listens and, in the dictionary model, its peer id.</summary>
/// <param name="Endpoint">The peer's address and port.</param>
/// <param name="PeerId">The peer id, when known (absent in compact responses and with <c>no_peer_id</c>).</param>
public readonly record struct TrackerPeer(PeerEndpoint Endpoint, TrackerHash? PeerId = null);
