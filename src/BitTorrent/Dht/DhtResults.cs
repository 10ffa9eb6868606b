using Swarmgrid.BitTorrent.Tracker;

namespace Swarmgrid.BitTorrent.Dht;

/// <summary>A BEP 51 <c>sample_infohashes</c> answer.</summary>
/// <param name="Interval">How long the node asks us to wait before asking again.</param>
/// <param name="Total">Info-hashes the node stores in all (<c>num</c>).</param>
/// <param name="Samples">The sample: at most a few dozen info-hashes.</param>
/// <param name="Nodes">Nodes close to the target, to ask next (a crawler walks the id space with these).</param>
public sealed record DhtSamples(TimeSpan Interval, long Total, IReadOnlyList<TrackerHash> Samples, IReadOnlyList<DhtNodeInfo> Nodes);

/// <summary>A node answered with a KRPC error.</summary>
public sealed class DhtException(int code, string message) : Exception($"KRPC error {code}: {message}")
{
    public int Code { get; } = code;
}

/// <summary>A DHT node's bounded state and what it turned away.</summary>
/// <param name="PendingQueries">Our queries awaiting answers.</param>
/// <param name="StoredInfoHashes">Info-hashes with announced peers.</param>
/// <param name="StoredPeers">Announced peers over all info-hashes.</param>
/// <param name="TrackedAddresses">Addresses with a query rate budget.</param>
/// <param name="QueriesAnswered">Queries answered.</param>
/// <param name="QueriesDropped">Queries dropped (over the rate, or read-only).</param>
/// <param name="MalformedDatagrams">Datagrams that were not KRPC.</param>
public sealed record DhtCounters(int PendingQueries, int StoredInfoHashes, int StoredPeers, int TrackedAddresses, long QueriesAnswered, long QueriesDropped,
    long MalformedDatagrams);
