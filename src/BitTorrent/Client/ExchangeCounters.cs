namespace Swarmgrid.BitTorrent.Client;

/// <summary>How much a torrent exchanged besides blocks: peer exchange messages, BEP 52 hash answers, DHT lookups, web seeds.</summary>
/// <param name="PexReceived">ut_pex messages that named at least one peer.</param>
/// <param name="PexSent">ut_pex messages sent.</param>
/// <param name="HashesAccepted">BEP 52 <c>hashes</c> answers received that proved out against a pieces root.</param>
/// <param name="HashesServed">BEP 52 <c>hashes</c> answers sent.</param>
/// <param name="DhtLookups">DHT get_peers lookups (with announces when we accept peers).</param>
/// <param name="DhtPeers">Peers those lookups found.</param>
/// <param name="WebSeedBytes">Block bytes fetched from web seeds (BEP 19).</param>
public sealed record ExchangeCounters(int PexReceived, int PexSent, int HashesAccepted, int HashesServed, int DhtLookups, int DhtPeers, long WebSeedBytes);
