using System.Net;
using Microsoft.Extensions.Time.Testing;
using Swarmgrid.BitTorrent.Dht;

namespace Swarmgrid.BitTorrent.Tests.Dht;

public sealed class RoutingTableTests
{
    private readonly FakeTimeProvider time = new();

    [Fact]
    public void Only_the_bucket_holding_our_id_splits_so_far_buckets_stay_at_eight()
    {
        var local = NodeId.FromBytes(new byte[20]);
        var table = new RoutingTable(local, time);
        // 100 nodes whose ids start with 1 (far from ours): one bucket of 8, the rest turned away.
        for (var i = 0; i < 100; i++)
        {
            table.Seen(Node(Prefixed(0x80), i), responded: true);
        }
        Assert.Equal(8, table.Count);
        // Nodes ever closer to our id keep splitting the near bucket.
        for (var depth = 1; depth < 40; depth++)
        {
            var bytes = new byte[20];
            bytes[depth / 8] = (byte)(0x80 >> (depth % 8));
            table.Seen(Node(NodeId.FromBytes(bytes), 1000 + depth), responded: true);
        }
        Assert.Equal(8 + 39, table.Count);
        Assert.InRange(table.BucketCount, 30, 40);
    }

    [Fact]
    public void Closest_orders_by_xor_distance_and_a_failing_node_is_replaced_from_the_cache()
    {
        var table = new RoutingTable(NodeId.Random(), time);
        var nodes = Enumerable.Range(0, 200).Select(i => Node(NodeId.Random(), i)).ToList();
        nodes.ForEach(n => table.Seen(n, responded: true));
        var target = NodeId.Random();
        var closest = table.Closest(target);
        Assert.Equal(8, closest.Count);
        Assert.Equal(closest.OrderBy(n => target.Xor(n.Id)).ToList(), closest);

        var members = table.Entries.Select(e => e.Node).ToHashSet();
        var victim = members.First();
        table.Failed(victim.Id);
        table.Failed(victim.Id);
        Assert.DoesNotContain(victim, table.Entries.Select(e => e.Node));
    }

    [Fact]
    public void The_same_id_from_another_endpoint_does_not_evict_the_known_node()
    {
        var table = new RoutingTable(NodeId.Random(), time);
        var id = NodeId.Random();
        Assert.True(table.Seen(Node(id, 1), responded: true));
        Assert.False(table.Seen(Node(id, 2), responded: true));
        Assert.Equal(1001, table.Entries.Single().Node.EndPoint.Port);
    }

    [Fact]
    public void Buckets_quiet_for_fifteen_minutes_give_refresh_targets_inside_their_range()
    {
        var local = NodeId.Random();
        var table = new RoutingTable(local, time);
        for (var i = 0; i < 300; i++)
        {
            table.Seen(Node(NodeId.Random(), i), responded: true);
        }
        Assert.Empty(table.StaleBucketTargets(TimeSpan.FromMinutes(15)));
        time.Advance(TimeSpan.FromMinutes(16));
        var targets = table.StaleBucketTargets(TimeSpan.FromMinutes(15));
        Assert.Equal(table.BucketCount, targets.Count);
        for (var depth = 0; depth < targets.Count - 1; depth++)
        {
            Assert.Equal(depth, local.CommonPrefixLength(targets[depth]));
        }
        Assert.Empty(table.StaleBucketTargets(TimeSpan.FromMinutes(15)));
    }

    private static NodeId Prefixed(byte first) => NodeId.FromBytes([first, .. System.Security.Cryptography.RandomNumberGenerator.GetBytes(19)]);

    private static DhtNodeInfo Node(NodeId id, int port) => new(id, new IPEndPoint(IPAddress.Loopback, 1000 + port));
}
