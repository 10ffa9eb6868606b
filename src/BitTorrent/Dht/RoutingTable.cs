using System.Net;

namespace Swarmgrid.BitTorrent.Dht;

/// <summary>
/// A Kademlia routing table for one address family (BEP 5): buckets of at most <see cref="BucketSize"/> nodes over
/// ranges of the id space; only the bucket holding our own id splits, so the table knows the neighbourhood of our
/// id well and the rest of the space sparsely. A full bucket keeps newcomers in a small replacement cache and swaps
/// one in when a member fails twice. Not thread-safe: the DHT engine serializes calls.
/// </summary>
public sealed class RoutingTable
{
    /// <summary>K: nodes per bucket, and nodes returned for a lookup.</summary>
    public const int BucketSize = 8;

    /// <summary>Queries a node may fail in a row before it is replaced.</summary>
    public const int MaxFailures = 2;

    private readonly List<Bucket> buckets;
    private readonly TimeProvider time;

    public RoutingTable(NodeId localId, TimeProvider time)
    {
        LocalId = localId;
        this.time = time;
        buckets = [new Bucket(0, time.GetTimestamp())];
    }

    public NodeId LocalId { get; }

    /// <summary>Nodes in the table (replacement caches not counted).</summary>
    public int Count => buckets.Sum(b => b.Nodes.Count);

    public int BucketCount => buckets.Count;

    /// <summary>Every node in the table.</summary>
    public IEnumerable<Entry> Entries => buckets.SelectMany(b => b.Nodes);

    /// <summary>
    /// Notes that <paramref name="node"/> was heard from (it answered us, or queried us): updates it, adds it, or
    /// keeps it as a replacement. False when it was not added to the table itself.
    /// </summary>
    public bool Seen(DhtNodeInfo node, bool responded)
    {
        if (node.Id == LocalId)
        {
            return false;
        }
        var now = time.GetTimestamp();
        while (true)
        {
            var bucket = BucketFor(node.Id, out var index);
            var existing = bucket.Nodes.FindIndex(e => e.Node.Id == node.Id);
            if (existing >= 0)
            {
                var entry = bucket.Nodes[existing];
                if (!entry.Node.EndPoint.Equals(node.EndPoint))
                {
                    // Same id from another address: keep the one we know answers (a spoofed id must not evict it).
                    return false;
                }
                entry.LastSeen = now;
                if (responded)
                {
                    entry.LastResponse = now;
                    entry.Failures = 0;
                }
                bucket.Changed = now;
                return true;
            }
            if (bucket.Nodes.Exists(e => e.Node.EndPoint.Equals(node.EndPoint)))
            {
                // One endpoint, one id: a node that changes its id is not two nodes.
                return false;
            }
            if (bucket.Nodes.Count < BucketSize)
            {
                bucket.Nodes.Add(new Entry(node, now, responded ? now : 0));
                bucket.Changed = now;
                return true;
            }
            if (CanSplit(bucket, index))
            {
                Split(index);
                continue;
            }
            var failed = bucket.Nodes.FindIndex(e => e.Failures >= MaxFailures);
            if (failed >= 0 && responded)
            {
                bucket.Nodes[failed] = new Entry(node, now, now);
                bucket.Changed = now;
                return true;
            }
            if (responded && !bucket.Replacements.Exists(r => r.Id == node.Id))
            {
                bucket.Replacements.Add(node);
                if (bucket.Replacements.Count > BucketSize)
                {
                    bucket.Replacements.RemoveAt(0);
                }
            }
            return false;
        }
    }

    /// <summary>A query to the node timed out: counts it against the node, replacing it from the cache when it fails again.</summary>
    public void Failed(NodeId id)
    {
        var bucket = BucketFor(id, out _);
        var index = bucket.Nodes.FindIndex(e => e.Node.Id == id);
        if (index < 0)
        {
            return;
        }
        var entry = bucket.Nodes[index];
        entry.Failures++;
        if (entry.Failures >= MaxFailures && bucket.Replacements.Count > 0)
        {
            var replacement = bucket.Replacements[^1];
            bucket.Replacements.RemoveAt(bucket.Replacements.Count - 1);
            bucket.Nodes[index] = new Entry(replacement, time.GetTimestamp(), time.GetTimestamp());
        }
    }

    /// <summary>Removes a node (it proved bad).</summary>
    public void Remove(NodeId id) => BucketFor(id, out _).Nodes.RemoveAll(e => e.Node.Id == id);

    /// <summary>The <paramref name="count"/> nodes closest to <paramref name="target"/>, closest first, failing ones last.</summary>
    public List<DhtNodeInfo> Closest(NodeId target, int count = BucketSize) =>
        buckets.SelectMany(b => b.Nodes)
            .OrderBy(e => e.Failures >= MaxFailures)
            .ThenBy(e => target.Xor(e.Node.Id))
            .Take(count)
            .Select(e => e.Node)
            .ToList();

    /// <summary>Buckets not changed for <paramref name="age"/>, each with a random target inside its range to look up.</summary>
    public List<NodeId> StaleBucketTargets(TimeSpan age)
    {
        var targets = new List<NodeId>();
        for (var i = 0; i < buckets.Count; i++)
        {
            var bucket = buckets[i];
            if (time.GetElapsedTime(bucket.Changed) < age)
            {
                continue;
            }
            var target = LocalId.RandomWithPrefix(bucket.Depth);
            if (i < buckets.Count - 1)
            {
                // The bucket's ids part from ours exactly at bit Depth.
                var bytes = target.ToArray();
                var mask = (byte)(0x80 >> (bucket.Depth % 8));
                bytes[bucket.Depth / 8] = (byte)((bytes[bucket.Depth / 8] & ~mask) | (LocalId.Bit(bucket.Depth) ? 0 : mask));
                target = NodeId.FromBytes(bytes);
            }
            targets.Add(target);
            bucket.Changed = time.GetTimestamp();
        }
        return targets;
    }

    /// <summary>Nodes that have not answered for <paramref name="age"/> (questionable), to ping.</summary>
    public List<DhtNodeInfo> Questionable(TimeSpan age) =>
        buckets.SelectMany(b => b.Nodes).Where(e => time.GetElapsedTime(Math.Max(e.LastResponse, e.LastSeen)) >= age).Select(e => e.Node).ToList();

    /// <summary>
    /// The bucket for <paramref name="id"/>: buckets are ordered by depth (shared prefix with our id), the last one
    /// holding our own id and everything at least as deep.
    /// </summary>
    private Bucket BucketFor(NodeId id, out int index)
    {
        var depth = LocalId.CommonPrefixLength(id);
        index = Math.Min(depth, buckets.Count - 1);
        return buckets[index];
    }

    private bool CanSplit(Bucket bucket, int index) => index == buckets.Count - 1 && bucket.Depth < 159;

    private void Split(int index)
    {
        var old = buckets[index];
        var near = new Bucket(old.Depth + 1, old.Changed);
        var far = new Bucket(old.Depth, old.Changed);
        foreach (var entry in old.Nodes)
        {
            (LocalId.CommonPrefixLength(entry.Node.Id) > old.Depth ? near : far).Nodes.Add(entry);
        }
        buckets[index] = far;
        buckets.Add(near);
    }

    /// <summary>A node in the table and what we know of its liveness (timestamps of <see cref="TimeProvider"/>).</summary>
    public sealed class Entry(DhtNodeInfo node, long lastSeen, long lastResponse)
    {
        public DhtNodeInfo Node { get; } = node;

        public long LastSeen { get; set; } = lastSeen;

        public long LastResponse { get; set; } = lastResponse;

        public int Failures { get; set; }
    }

    /// <summary>
    /// Nodes whose id shares exactly <see cref="Depth"/> leading bits with ours (the last bucket: at least that many).
    /// </summary>
    private sealed class Bucket(int depth, long changed)
    {
        public int Depth { get; } = depth;

        public List<Entry> Nodes { get; } = [];

        public List<DhtNodeInfo> Replacements { get; } = [];

        public long Changed { get; set; } = changed;
    }
}
