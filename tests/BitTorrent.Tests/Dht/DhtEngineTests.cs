using System.Net;
using System.Net.Sockets;
using CsCheck;
using Swarmgrid.BitTorrent.Bencoding;
using Swarmgrid.BitTorrent.Dht;
using Swarmgrid.BitTorrent.Tests.Interop;
using Swarmgrid.BitTorrent.Tracker;

namespace Swarmgrid.BitTorrent.Tests.Dht;

/// <summary>Our DHT nodes on loopback UDP: among themselves, and against forged, flooding and garbage datagrams.</summary>
public sealed class DhtEngineTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);
    private static readonly TrackerHash Hash = TrackerHash.FromBytes(Enumerable.Range(100, 20).Select(i => (byte)i).ToArray());

    [Fact]
    public async Task Three_nodes_bootstrap_from_one_and_find_a_peer_another_announced()
    {
        await using var hub = Node();
        await using var announcer = Node(bootstrap: hub);
        await using var seeker = Node(bootstrap: hub);
        await WaitForAsync(() => hub.NodeCount >= 2 && announcer.NodeCount >= 1 && seeker.NodeCount >= 1);

        var (_, announced) = await announcer.AnnounceAsync(Hash, 7777);
        var peers = await seeker.GetPeersAsync(Hash);

        Assert.True(announced >= 1);
        Assert.Contains(new IPEndPoint(IPAddress.Loopback, 7777), peers);
        var samples = await seeker.SampleInfoHashesAsync(hub.LocalEndPoint!, NodeId.Random());
        Assert.Contains(Hash, samples.Samples);
        Assert.Equal(1, samples.Total);
        Assert.Equal(TimeSpan.FromMinutes(5), samples.Interval);
    }

    [Fact]
    public async Task Nodes_with_ipv6_sockets_keep_a_second_table_and_find_peers_over_ipv6()
    {
        await using var hub = Node(ipv6: true);
        await using var announcer = Node(bootstrap: hub, ipv6: true);
        await using var seeker = Node(bootstrap: hub, ipv6: true);
        await WaitForAsync(() => hub.Nodes.Count(n => n.IsIPv6) >= 2 && seeker.Nodes.Any(n => n.IsIPv6));

        await announcer.AnnounceAsync(Hash, 7777);
        var peers = await seeker.GetPeersAsync(Hash);

        Assert.Contains(new IPEndPoint(IPAddress.IPv6Loopback, 7777), peers);
        Assert.Contains(new IPEndPoint(IPAddress.Loopback, 7777), peers);
        using var client = new UdpClient(new IPEndPoint(IPAddress.IPv6Loopback, 0));
        var query = KrpcMessage.Query([3, 3], "find_node", With(KrpcMessage.WithId(NodeId.Random()), ("target", NodeId.Random().ToArray()),
            ("want", new BList([new BString("n4"), new BString("n6")]))));
        await client.SendAsync(query.Encode(), hub.LocalEndPointV6!);
        using var timeout = new CancellationTokenSource(Deadline);
        KrpcMessage.TryDecode((await client.ReceiveAsync(timeout.Token)).Buffer, out var answer);
        Assert.NotEmpty(answer!.Nodes);
        Assert.NotEmpty(answer.Nodes6);
        Assert.All(answer.Nodes6, n => Assert.Equal(IPAddress.IPv6Loopback, n.EndPoint.Address));
    }

    [Fact]
    public async Task Announces_need_a_token_given_to_the_same_address()
    {
        await using var node = Node();
        using var client = Client(IPAddress.Loopback);
        using var other = Client(IPAddress.Parse("127.0.0.2"));

        var forged = await AskAsync(client, node, Announce(token: "forgedtk"u8.ToArray()));
        Assert.Equal((KrpcKind.Error, KrpcMessage.ProtocolError, "bad token"), (forged.Kind, forged.ErrorCode, forged.ErrorMessage));

        var givenToOther = (await AskAsync(other, node, GetPeers())).Token!;
        var stolen = await AskAsync(client, node, Announce(givenToOther));
        Assert.Equal(KrpcKind.Error, stolen.Kind);
        Assert.Equal(0, node.Counters.StoredPeers);

        var mine = (await AskAsync(client, node, GetPeers())).Token!;
        var accepted = await AskAsync(client, node, Announce(mine));
        Assert.Equal(KrpcKind.Response, accepted.Kind);
        Assert.Equal(1, node.Counters.StoredPeers);
        var values = (await AskAsync(other, node, GetPeers())).Values;
        Assert.Equal([new IPEndPoint(IPAddress.Loopback, 6881)], values);
    }

    [Fact]
    public async Task A_node_flooding_find_node_is_held_to_its_budget_and_others_are_still_answered()
    {
        await using var node = Node();
        using var flooder = Client(IPAddress.Loopback);
        var query = KrpcMessage.Query([1, 2], "find_node", With(KrpcMessage.WithId(NodeId.Random()), ("target", NodeId.Random().ToArray()))).Encode();
        for (var i = 0; i < 5000; i++)
        {
            await flooder.SendAsync(query, node.LocalEndPoint!);
        }
        var answers = 0;
        using (var drain = new CancellationTokenSource(TimeSpan.FromSeconds(2)))
        {
            try
            {
                while (true)
                {
                    await flooder.ReceiveAsync(drain.Token);
                    answers++;
                }
            }
            catch (OperationCanceledException)
            {
            }
        }

        // A burst of 50, then 20 a second while the flood lasts: nowhere near 5000 (the kernel may drop some datagrams too).
        Assert.InRange(answers, 1, 400);
        Assert.InRange(node.Counters.QueriesAnswered, 1, 400);
        Assert.True(node.Counters.QueriesDropped > node.Counters.QueriesAnswered, node.Counters.ToString());
        using var bystander = Client(IPAddress.Parse("127.0.0.3"));
        var pong = await AskAsync(bystander, node, KrpcMessage.Query([9, 9], "ping", KrpcMessage.WithId(NodeId.Random())));
        Assert.Equal(KrpcKind.Response, pong.Kind);
        Assert.Equal(0, node.Counters.PendingQueries);
    }

    [Fact]
    public async Task Fuzzed_datagrams_leave_the_node_answering_with_bounded_state()
    {
        await using var node = Node(maxStoredInfoHashes: 16);
        using var client = Client(IPAddress.Loopback);
        var token = (await AskAsync(client, node, GetPeers())).Token!;
        var valid = new[]
        {
            KrpcMessage.Query([1, 1], "ping", KrpcMessage.WithId(NodeId.Random())).Encode(),
            KrpcMessage.Query([1, 2], "get_peers", With(KrpcMessage.WithId(NodeId.Random()), ("info_hash", NodeId.Random().ToArray()))).Encode(),
            Announce(token).Encode(),
            KrpcMessage.Response([1, 3], KrpcMessage.WithId(NodeId.Random())).Encode(),
        };
        var random = new Random(42);
        for (var i = 0; i < 3000; i++)
        {
            byte[] datagram;
            if (i % 3 == 0)
            {
                datagram = new byte[random.Next(0, 1500)];
                random.NextBytes(datagram);
            }
            else
            {
                // Valid messages with bytes flipped, cut short or extended.
                datagram = (byte[])valid[random.Next(valid.Length)].Clone();
                for (var flips = random.Next(1, 4); flips > 0 && datagram.Length > 0; flips--)
                {
                    datagram[random.Next(datagram.Length)] = (byte)random.Next(256);
                }
                datagram = datagram[..random.Next(datagram.Length + 1)];
            }
            if (datagram.Length > 0)
            {
                await client.SendAsync(datagram, node.LocalEndPoint!);
            }
        }
        // Announces for many info-hashes with a good token: the store stops at its bound.
        for (var i = 0; i < 40; i++)
        {
            await client.SendAsync(Announce(token, NodeId.Random()).Encode(), node.LocalEndPoint!);
        }
        await Task.Delay(500);

        using var bystander = Client(IPAddress.Parse("127.0.0.4"));
        var pong = await AskAsync(bystander, node, KrpcMessage.Query([7, 7], "ping", KrpcMessage.WithId(NodeId.Random())));
        Assert.Equal(KrpcKind.Response, pong.Kind);
        var counters = node.Counters;
        Assert.True(counters.MalformedDatagrams > 0);
        Assert.InRange(counters.StoredInfoHashes, 0, 16);
        Assert.Equal(0, counters.PendingQueries);
        Assert.InRange(node.NodeCount, 0, 160 * RoutingTable.BucketSize);
    }

    [Fact]
    public void Decoding_random_datagrams_never_throws() =>
        Gen.Byte.Array[0, 200].Sample(bytes =>
        {
            if (KrpcMessage.TryDecode(bytes, out var message))
            {
                _ = (message!.SenderId, message.Nodes, message.Nodes6, message.Values, message.Samples, message.Token, message.Port, message.Want);
            }
        }, iter: 50_000);

    [Fact]
    public async Task The_node_id_and_routing_table_survive_a_restart_through_the_state_file()
    {
        using var directory = new TempDirectory();
        var statePath = directory.Combine("dht.state");
        await using var hub = Node();
        NodeId id;
        await using (var first = Node(bootstrap: hub, statePath: statePath))
        {
            await WaitForAsync(() => first.NodeCount >= 1);
            id = first.LocalId;
        }
        Assert.True(File.Exists(statePath));

        await using var second = Node(statePath: statePath);
        Assert.Equal(id, second.LocalId);
        Assert.Contains(second.Nodes, n => n.EndPoint.Equals(hub.LocalEndPoint));
    }

    [Fact]
    public async Task A_read_only_node_asks_but_is_neither_answered_about_nor_kept()
    {
        await using var hub = Node();
        await using var reader = Node(readOnly: true);

        Assert.True(await reader.PingAsync(hub.LocalEndPoint!));
        Assert.Equal(1, reader.NodeCount);
        Assert.Equal(0, hub.NodeCount);
        Assert.False(await hub.PingAsync(reader.LocalEndPoint!));
    }

    [Fact]
    public async Task Sample_infohashes_to_a_node_without_it_fails_with_the_nodes_error()
    {
        await using var node = Node();
        using var fake = Client(IPAddress.Loopback);
        var answering = Task.Run(async () =>
        {
            var query = await fake.ReceiveAsync(new CancellationTokenSource(Deadline).Token);
            KrpcMessage.TryDecode(query.Buffer, out var message);
            await fake.SendAsync(KrpcMessage.Error(message!.TransactionId, KrpcMessage.MethodUnknown, "Method Unknown").Encode(), query.RemoteEndPoint);
        });
        var error = await Assert.ThrowsAsync<DhtException>(() => node.SampleInfoHashesAsync((IPEndPoint)fake.Client.LocalEndPoint!, NodeId.Random()));
        Assert.Equal(KrpcMessage.MethodUnknown, error.Code);
        await answering;
    }

    private static DhtEngine Node(DhtEngine? bootstrap = null, string? statePath = null, bool readOnly = false, int maxStoredInfoHashes = 5000,
        bool ipv6 = false)
    {
        var node = new DhtEngine(new DhtSettings
        {
            BindAddress = IPAddress.Loopback,
            BindAddressV6 = ipv6 ? IPAddress.IPv6Loopback : null,
            BootstrapNodes = bootstrap is null ? [] : ipv6
                ? [bootstrap.LocalEndPoint!.ToString(), bootstrap.LocalEndPointV6!.ToString()]
                : [bootstrap.LocalEndPoint!.ToString()],
            StatePath = statePath,
            ReadOnly = readOnly,
            MaxStoredInfoHashes = maxStoredInfoHashes,
            QueryTimeout = TimeSpan.FromSeconds(1),
        });
        node.Start();
        return node;
    }

    private static UdpClient Client(IPAddress address) => new(new IPEndPoint(address, 0));

    private static KrpcMessage GetPeers() =>
        KrpcMessage.Query([5, 5], "get_peers", With(KrpcMessage.WithId(NodeId.Random()), ("info_hash", NodeId.From(Hash).ToArray())));

    private static KrpcMessage Announce(byte[] token, NodeId? infoHash = null) =>
        KrpcMessage.Query([6, 6], "announce_peer", With(KrpcMessage.WithId(NodeId.Random()), ("info_hash", (infoHash ?? NodeId.From(Hash)).ToArray()),
            ("port", 6881L), ("token", token)));

    private static async Task<KrpcMessage> AskAsync(UdpClient client, DhtEngine node, KrpcMessage query)
    {
        await client.SendAsync(query.Encode(), node.LocalEndPoint!);
        using var timeout = new CancellationTokenSource(Deadline);
        while (true)
        {
            var answer = await client.ReceiveAsync(timeout.Token);
            if (KrpcMessage.TryDecode(answer.Buffer, out var message) && message!.TransactionId.AsSpan().SequenceEqual(query.TransactionId))
            {
                return message;
            }
        }
    }

    private static BDictionary With(BDictionary body, params (string Key, BValue Value)[] entries)
    {
        foreach (var (key, value) in entries)
        {
            body.Add(key, value);
        }
        return body;
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        while (!condition())
        {
            await Task.Delay(50, deadline.Token);
        }
    }
}
