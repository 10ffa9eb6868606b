using System.Net;
using System.Net.Sockets;
using Swarmgrid.BitTorrent.Bencoding;
using Swarmgrid.BitTorrent.Tracker;

namespace Swarmgrid.BitTorrent.Dht;

/// <summary>
/// A mainline DHT node (BEP 5) on UDP: routing table with bucket refresh, ping, find_node, get_peers and
/// announce_peer with tokens, iterative lookups; IPv6 on a second socket with its own table (BEP 32); node ids fit
/// to the external address (BEP 42); an optional read-only mode (BEP 43); <c>sample_infohashes</c> answered and asked
/// (BEP 51). Bootstrap nodes come from <see cref="DhtSettings.BootstrapNodes"/> (none by default); the node id and
/// routing table persist in <see cref="DhtSettings.StatePath"/>. Every incoming datagram is bounded and rate-limited per
/// address; pending queries, stored peers and the table are bounded in size.
/// </summary>
public sealed partial class DhtEngine : IAsyncDisposable
{
    /// <summary>Our client version in <c>v</c>: "SG" and 0.1.</summary>
    private static readonly byte[] ClientVersion = [(byte)'S', (byte)'G', 0, 1];

    /// <summary>Largest datagram read; KRPC messages fit in one Ethernet frame.</summary>
    private const int MaxDatagram = 8192;

    /// <summary>Queries awaiting an answer at once; more wait for a slot to free.</summary>
    private const int MaxPending = 1024;

    private readonly Lock gate = new();
    private readonly Dictionary<ushort, Pending> pending = [];
    private readonly Dictionary<IPAddress, (double Tokens, long At)> queryBudgets = [];
    private readonly Dictionary<IPAddress, HashSet<IPAddress>> externalVotes = [];
    private readonly DhtPeerStore store;
    private readonly DhtTokens tokens;
    private readonly CancellationTokenSource closing = new();
    private readonly List<Task> loops = [];
    private RoutingTable table4;
    private RoutingTable table6;
    private UdpClient? socket4;
    private UdpClient? socket6;
    private ushort nextTransaction = (ushort)Random.Shared.Next();

    public DhtEngine(DhtSettings? settings = null, TimeProvider? time = null)
    {
        Settings = settings ?? new DhtSettings();
        Time = time ?? TimeProvider.System;
        store = new DhtPeerStore(Time, Settings.MaxStoredInfoHashes, Settings.MaxPeersPerInfoHash);
        tokens = new DhtTokens(Time);
        var id = NodeId.Random();
        table4 = new RoutingTable(id, Time);
        table6 = new RoutingTable(id, Time);
    }

    public DhtSettings Settings { get; }

    public TimeProvider Time { get; }

    /// <summary>Our node id (kept across restarts with <see cref="DhtSettings.StatePath"/>; replaced when BEP 42 asks).</summary>
    public NodeId LocalId
    {
        get
        {
            lock (gate)
            {
                return table4.LocalId;
            }
        }
    }

    /// <summary>The IPv4 socket's endpoint once started.</summary>
    public IPEndPoint? LocalEndPoint => socket4?.Client.LocalEndPoint as IPEndPoint;

    /// <summary>The IPv6 socket's endpoint once started, when one is configured.</summary>
    public IPEndPoint? LocalEndPointV6 => socket6?.Client.LocalEndPoint as IPEndPoint;

    /// <summary>Nodes in the routing tables, both families.</summary>
    public int NodeCount
    {
        get
        {
            lock (gate)
            {
                return table4.Count + table6.Count;
            }
        }
    }

    /// <summary>The nodes in the routing tables.</summary>
    public IReadOnlyList<DhtNodeInfo> Nodes
    {
        get
        {
            lock (gate)
            {
                return [.. table4.Entries.Select(e => e.Node), .. table6.Entries.Select(e => e.Node)];
            }
        }
    }

    /// <summary>What the node holds and has turned away, for tests and monitoring.</summary>
    public DhtCounters Counters
    {
        get
        {
            lock (gate)
            {
                return new DhtCounters(pending.Count, store.InfoHashCount, store.PeerCount, queryBudgets.Count, queriesAnswered, queriesDropped,
                    malformedDatagrams);
            }
        }
    }

    private long queriesAnswered;
    private long queriesDropped;
    private long malformedDatagrams;

    /// <summary>Binds the sockets, loads the saved state, and starts answering, bootstrapping and refreshing.</summary>
    public void Start()
    {
        if (socket4 is not null)
        {
            return;
        }
        LoadState();
        socket4 = Bind(new IPEndPoint(Settings.BindAddress, Settings.Port));
        loops.Add(Task.Run(() => ReceiveLoopAsync(socket4)));
        if (Settings.BindAddressV6 is { } v6)
        {
            socket6 = Bind(new IPEndPoint(v6, Settings.Port == 0 ? 0 : Settings.Port));
            loops.Add(Task.Run(() => ReceiveLoopAsync(socket6)));
        }
        loops.Add(Task.Run(MaintainAsync));
    }

    /// <summary>Pings <paramref name="endpoint"/>; true when it answered (it then joins the routing table).</summary>
    public async Task<bool> PingAsync(IPEndPoint endpoint, CancellationToken cancellationToken = default) =>
        await QueryAsync(endpoint, "ping", new BDictionary(), cancellationToken) is { Kind: KrpcKind.Response };

    /// <summary>Tells the node about another node (a peer's PORT message, a bootstrap contact): it is pinged, and kept if it answers.</summary>
    public void AddNode(IPEndPoint endpoint) => _ = PingAsync(Normalize(endpoint), closing.Token);

    /// <summary>
    /// Asks one node for a sample of the info-hashes it stores (BEP 51). Throws <see cref="TimeoutException"/> when
    /// it does not answer and <see cref="DhtException"/> when it answers with an error (as nodes without BEP 51 do).
    /// </summary>
    public async Task<DhtSamples> SampleInfoHashesAsync(IPEndPoint node, NodeId target, CancellationToken cancellationToken = default)
    {
        var arguments = new BDictionary { { "target", target.ToArray() } };
        var answer = await QueryAsync(Normalize(node), "sample_infohashes", arguments, cancellationToken)
            ?? throw new TimeoutException($"{node} did not answer sample_infohashes");
        if (answer.Kind == KrpcKind.Error)
        {
            throw new DhtException(answer.ErrorCode, answer.ErrorMessage ?? "");
        }
        return new DhtSamples(TimeSpan.FromSeconds(answer.Interval ?? 0), answer.Num ?? answer.Samples.Count, answer.Samples,
            [.. answer.Nodes, .. answer.Nodes6]);
    }

    /// <summary>Saves the node id and the routing tables to <see cref="DhtSettings.StatePath"/>.</summary>
    public void SaveState()
    {
        if (Settings.StatePath is not { } path)
        {
            return;
        }
        BDictionary state;
        lock (gate)
        {
            state = new BDictionary
            {
                { "id", table4.LocalId.ToArray() },
                { "nodes", DhtNodeInfo.WriteAll(table4.Entries.Select(e => e.Node), ipv6: false) },
                { "nodes6", DhtNodeInfo.WriteAll(table6.Entries.Select(e => e.Node), ipv6: true) },
            };
        }
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, state.Encode());
        File.Move(temporary, path, overwrite: true);
    }

    public async ValueTask DisposeAsync()
    {
        await closing.CancelAsync();
        socket4?.Dispose();
        socket6?.Dispose();
        foreach (var loop in loops)
        {
            try
            {
                await loop;
            }
            catch (OperationCanceledException)
            {
            }
        }
        try
        {
            SaveState();
        }
        catch (IOException)
        {
            // The state is a convenience: the next start bootstraps again.
        }
        lock (gate)
        {
            foreach (var waiting in pending.Values)
            {
                waiting.Answer.TrySetResult(null);
            }
            pending.Clear();
        }
        closing.Dispose();
    }

    private static UdpClient Bind(IPEndPoint endpoint)
    {
        var socket = new UdpClient(endpoint.AddressFamily);
        if (endpoint.AddressFamily == AddressFamily.InterNetworkV6)
        {
            socket.Client.DualMode = false;
        }
        socket.Client.Bind(endpoint);
        return socket;
    }

    private void LoadState()
    {
        if (Settings.StatePath is not { } path || !File.Exists(path))
        {
            return;
        }
        try
        {
            var state = BencodeDecoder.DecodeDictionary(File.ReadAllBytes(path), BencodeOptions.Lenient with { MaxInputBytes = 1 << 20 });
            if (state["id"] is not BString { Span.Length: NodeId.Size } id)
            {
                return;
            }
            var localId = NodeId.FromBytes(id.Span);
            lock (gate)
            {
                table4 = new RoutingTable(localId, Time);
                table6 = new RoutingTable(localId, Time);
                foreach (var node in state["nodes"] is BString v4 ? DhtNodeInfo.ReadAll(v4.Span, ipv6: false) : [])
                {
                    table4.Seen(node, responded: false);
                }
                foreach (var node in state["nodes6"] is BString v6 ? DhtNodeInfo.ReadAll(v6.Span, ipv6: true) : [])
                {
                    table6.Seen(node, responded: false);
                }
            }
        }
        catch (BencodeFormatException)
        {
            // A damaged state file: start afresh (it is rewritten at the next save).
        }
    }

    /// <summary>Sends a query and waits for its answer; null on timeout, when closing, or when too many queries wait.</summary>
    private async Task<KrpcMessage?> QueryAsync(IPEndPoint endpoint, string method, BDictionary arguments, CancellationToken cancellationToken)
    {
        var socket = SocketFor(endpoint);
        if (socket is null)
        {
            return null;
        }
        ushort transaction;
        var waiting = new Pending(endpoint, new TaskCompletionSource<KrpcMessage?>(TaskCreationOptions.RunContinuationsAsynchronously));
        lock (gate)
        {
            if (pending.Count >= MaxPending)
            {
                return null;
            }
            do
            {
                transaction = nextTransaction++;
            }
            while (pending.ContainsKey(transaction));
            pending[transaction] = waiting;
            arguments.Set(new BString("id"), new BString(table4.LocalId.ToArray()));
        }
        if (method is "find_node" or "get_peers" && socket6 is not null)
        {
            arguments.Set(new BString("want"), new BList([new BString("n4"), new BString("n6")]));
        }
        var id = new[] { (byte)(transaction >> 8), (byte)transaction };
        var query = KrpcMessage.Query(id, method, arguments, Settings.ReadOnly);
        try
        {
            query.Version = ClientVersion;
            var bytes = query.Encode();
            await socket.SendAsync(bytes, endpoint, cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, closing.Token);
            timeout.CancelAfter(Settings.QueryTimeout);
            using (timeout.Token.Register(() => waiting.Answer.TrySetResult(null)))
            {
                var answer = await waiting.Answer.Task;
                if (answer is null && !cancellationToken.IsCancellationRequested && !closing.IsCancellationRequested)
                {
                    OnTimeout(endpoint);
                }
                return answer;
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            return null;
        }
        finally
        {
            lock (gate)
            {
                pending.Remove(transaction);
            }
        }
    }

    private UdpClient? SocketFor(IPEndPoint endpoint) =>
        endpoint.AddressFamily == AddressFamily.InterNetworkV6 ? socket6 : socket4;

    private void OnTimeout(IPEndPoint endpoint)
    {
        lock (gate)
        {
            var table = TableFor(endpoint);
            var entry = table.Entries.FirstOrDefault(e => e.Node.EndPoint.Equals(endpoint));
            if (entry is not null)
            {
                table.Failed(entry.Node.Id);
            }
        }
    }

    private RoutingTable TableFor(IPEndPoint endpoint) => endpoint.AddressFamily == AddressFamily.InterNetworkV6 ? table6 : table4;

    private static IPEndPoint Normalize(IPEndPoint endpoint) =>
        endpoint.Address.IsIPv4MappedToIPv6 ? new IPEndPoint(endpoint.Address.MapToIPv4(), endpoint.Port) : endpoint;

    private async Task ReceiveLoopAsync(UdpClient socket)
    {
        while (!closing.IsCancellationRequested)
        {
            UdpReceiveResult datagram;
            try
            {
                datagram = await socket.ReceiveAsync(closing.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                // ICMP port unreachable from an earlier send surfaces here on some systems; the socket lives on.
                continue;
            }
            try
            {
                await HandleAsync(socket, datagram.Buffer, Normalize(datagram.RemoteEndPoint));
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
            }
        }
    }

    private async Task HandleAsync(UdpClient socket, byte[] datagram, IPEndPoint sender)
    {
        if (datagram.Length > MaxDatagram || sender.Port == 0 || !KrpcMessage.TryDecode(datagram, out var message))
        {
            Interlocked.Increment(ref malformedDatagrams);
            return;
        }
        if (message!.Kind != KrpcKind.Query)
        {
            OnAnswer(message, sender);
            return;
        }
        if (Settings.ReadOnly || !TakeQueryBudget(sender.Address))
        {
            Interlocked.Increment(ref queriesDropped);
            return;
        }
        var reply = Answer(message, sender, socket == socket6);
        reply.Version = ClientVersion;
        Interlocked.Increment(ref queriesAnswered);
        await socket.SendAsync(reply.Encode(), sender, closing.Token);
    }

    /// <summary>A response or error: completes the query it answers when it comes from where the query went.</summary>
    private void OnAnswer(KrpcMessage message, IPEndPoint sender)
    {
        if (message.TransactionId.Length != 2)
        {
            return;
        }
        var transaction = (ushort)(message.TransactionId[0] << 8 | message.TransactionId[1]);
        lock (gate)
        {
            if (!pending.TryGetValue(transaction, out var waiting) || !waiting.EndPoint.Equals(sender))
            {
                return;
            }
            pending.Remove(transaction);
            if (message.Kind == KrpcKind.Response)
            {
                if (message.SenderId is not { } id)
                {
                    waiting.Answer.TrySetResult(null);
                    return;
                }
                AddToTable(new DhtNodeInfo(id, sender), responded: true);
                if (message.RequesterAddress is { } seen)
                {
                    VoteExternalAddress(seen.Address, sender.Address);
                }
            }
            waiting.Answer.TrySetResult(message);
        }
    }

    /// <summary>Adds a node unless BEP 42 says its id does not fit its address. Under the lock.</summary>
    private void AddToTable(DhtNodeInfo node, bool responded)
    {
        if (Settings.EnforceNodeIds && !node.Id.IsSecureFor(node.EndPoint.Address))
        {
            return;
        }
        TableFor(node.EndPoint).Seen(node, responded);
    }

    /// <summary>Per-address token bucket for queries. Under no lock; takes it.</summary>
    private bool TakeQueryBudget(IPAddress address)
    {
        lock (gate)
        {
            var now = Time.GetTimestamp();
            if (!queryBudgets.TryGetValue(address, out var budget))
            {
                if (queryBudgets.Count >= 4096)
                {
                    // Forget addresses whose bucket has refilled: they are idle, and a fresh bucket is the same.
                    foreach (var idle in queryBudgets.Where(b => Time.GetElapsedTime(b.Value.At, now).TotalSeconds * Settings.QueriesPerSecondPerAddress
                        + b.Value.Tokens >= Settings.QueryBurst).Select(b => b.Key).ToList())
                    {
                        queryBudgets.Remove(idle);
                    }
                    if (queryBudgets.Count >= 4096)
                    {
                        return false;
                    }
                }
                budget = (Settings.QueryBurst, now);
            }
            var tokensNow = Math.Min(Settings.QueryBurst, budget.Tokens + Time.GetElapsedTime(budget.At, now).TotalSeconds * Settings.QueriesPerSecondPerAddress);
            if (tokensNow < 1)
            {
                queryBudgets[address] = (tokensNow, now);
                return false;
            }
            queryBudgets[address] = (tokensNow - 1, now);
            return true;
        }
    }

    /// <summary>
    /// BEP 42: nodes tell us the address they see us at. When three distinct nodes outside local networks agree on
    /// one our id does not fit, a new id is made for it (the tables are rebuilt around it). Under the lock.
    /// </summary>
    private void VoteExternalAddress(IPAddress external, IPAddress voter)
    {
        if (!Settings.EnforceNodeIds || NodeId.IsExempt(external) || NodeId.IsExempt(voter) || table4.LocalId.IsSecureFor(external))
        {
            return;
        }
        if (!externalVotes.TryGetValue(external, out var voters))
        {
            if (externalVotes.Count >= 64)
            {
                externalVotes.Clear();
            }
            externalVotes[external] = voters = [];
        }
        voters.Add(voter);
        if (voters.Count < 3)
        {
            return;
        }
        externalVotes.Clear();
        var id = NodeId.ForAddress(external);
        var old4 = table4.Entries.Select(e => e.Node).ToList();
        var old6 = table6.Entries.Select(e => e.Node).ToList();
        table4 = new RoutingTable(id, Time);
        table6 = new RoutingTable(id, Time);
        old4.ForEach(n => table4.Seen(n, responded: false));
        old6.ForEach(n => table6.Seen(n, responded: false));
    }

    private sealed record Pending(IPEndPoint EndPoint, TaskCompletionSource<KrpcMessage?> Answer);
}
