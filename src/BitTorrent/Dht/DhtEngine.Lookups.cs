using System.Net;
using System.Net.Sockets;
using Swarmgrid.BitTorrent.Bencoding;
using Swarmgrid.BitTorrent.Tracker;

namespace Swarmgrid.BitTorrent.Dht;

/// <summary>Iterative lookups, announcing, bootstrap and upkeep.</summary>
public sealed partial class DhtEngine
{
    /// <summary>Queries in flight at once in a lookup.</summary>
    private const int Alpha = 3;

    /// <summary>Queries one lookup may send in all; nodes it may consider.</summary>
    private const int MaxLookupQueries = 96, MaxLookupCandidates = 256;

    private static readonly TimeSpan BucketRefresh = TimeSpan.FromMinutes(15);

    /// <summary>The nodes closest to <paramref name="target"/> that answered, found by asking ever closer nodes (find_node).</summary>
    public async Task<IReadOnlyList<DhtNodeInfo>> FindNodeAsync(NodeId target, CancellationToken cancellationToken = default) =>
        (await LookupAsync(target, getPeers: false, cancellationToken)).Closest.Select(c => c.Node).ToList();

    /// <summary>Peers announced for <paramref name="infoHash"/>, found with a get_peers lookup.</summary>
    public async Task<IReadOnlyList<IPEndPoint>> GetPeersAsync(TrackerHash infoHash, CancellationToken cancellationToken = default) =>
        (await LookupAsync(NodeId.From(infoHash), getPeers: true, cancellationToken)).Peers;

    /// <summary>
    /// Looks up <paramref name="infoHash"/> and announces that we accept peers on TCP <paramref name="port"/> to the
    /// closest nodes that gave us a token. Returns the peers the lookup found, and how many nodes took the announce.
    /// </summary>
    public async Task<(IReadOnlyList<IPEndPoint> Peers, int Announced)> AnnounceAsync(TrackerHash infoHash, int port, CancellationToken cancellationToken = default)
    {
        var lookup = await LookupAsync(NodeId.From(infoHash), getPeers: true, cancellationToken);
        var hash = new byte[TrackerHash.Size];
        infoHash.CopyTo(hash);
        var announces = lookup.Closest.Where(c => c.Token is not null).Select(c => QueryAsync(c.Node.EndPoint, "announce_peer", new BDictionary
        {
            { "info_hash", hash },
            { "port", port },
            { "token", c.Token! },
            { "implied_port", 0 },
        }, cancellationToken));
        var answers = await Task.WhenAll(announces);
        return (lookup.Peers, answers.Count(a => a is { Kind: KrpcKind.Response }));
    }

    private async Task<LookupResult> LookupAsync(NodeId target, bool getPeers, CancellationToken cancellationToken)
    {
        var candidates = new Dictionary<IPEndPoint, Candidate>();
        var peers = new HashSet<IPEndPoint>();
        lock (gate)
        {
            foreach (var node in table4.Closest(target, RoutingTable.BucketSize * 2).Concat(table6.Closest(target, RoutingTable.BucketSize * 2)))
            {
                candidates.TryAdd(node.EndPoint, new Candidate(node));
            }
        }
        var inFlight = new Dictionary<Task<KrpcMessage?>, Candidate>();
        var sent = 0;
        while (true)
        {
            var closest = candidates.Values.Where(c => c.State != CandidateState.Failed).OrderBy(c => target.Xor(c.Node.Id))
                .Take(RoutingTable.BucketSize).ToList();
            if (closest.Count > 0 && closest.All(c => c.State == CandidateState.Responded))
            {
                break;
            }
            foreach (var next in closest.Where(c => c.State == CandidateState.Unqueried))
            {
                if (inFlight.Count >= Alpha || sent >= MaxLookupQueries)
                {
                    break;
                }
                next.State = CandidateState.InFlight;
                sent++;
                var arguments = getPeers
                    ? new BDictionary { { "info_hash", target.ToArray() } }
                    : new BDictionary { { "target", target.ToArray() } };
                inFlight.Add(QueryAsync(next.Node.EndPoint, getPeers ? "get_peers" : "find_node", arguments, cancellationToken), next);
            }
            if (inFlight.Count == 0)
            {
                break;
            }
            var done = await Task.WhenAny(inFlight.Keys);
            var candidate = inFlight[done];
            inFlight.Remove(done);
            var answer = await done;
            if (answer is not { Kind: KrpcKind.Response } || answer.SenderId is not { } id)
            {
                candidate.State = CandidateState.Failed;
                continue;
            }
            candidate.State = CandidateState.Responded;
            candidate.Node = candidate.Node with { Id = id };
            candidate.Token = answer.Token;
            foreach (var peer in answer.Values)
            {
                if (peers.Count < 500)
                {
                    peers.Add(peer);
                }
            }
            foreach (var node in answer.Nodes.Concat(answer.Nodes6))
            {
                if (candidates.Count >= MaxLookupCandidates || node.Id == LocalId || SocketFor(node.EndPoint) is null)
                {
                    continue;
                }
                candidates.TryAdd(node.EndPoint, new Candidate(node));
            }
        }
        cancellationToken.ThrowIfCancellationRequested();
        var responded = candidates.Values.Where(c => c.State == CandidateState.Responded).OrderBy(c => target.Xor(c.Node.Id))
            .Take(RoutingTable.BucketSize).ToList();
        return new LookupResult(responded, [.. peers]);
    }

    /// <summary>Asks the bootstrap nodes for the nodes near our id, then looks our id up: whoever answers joins the table.</summary>
    private async Task BootstrapAsync()
    {
        var contacts = new List<IPEndPoint>();
        foreach (var entry in Settings.BootstrapNodes)
        {
            contacts.AddRange(await ResolveAsync(entry));
        }
        var localId = LocalId;
        await Task.WhenAll(contacts.Where(c => SocketFor(c) is not null)
            .Select(c => QueryAsync(c, "find_node", new BDictionary { { "target", localId.ToArray() } }, closing.Token)));
        await FindNodeAsync(localId, closing.Token);
    }

    private async Task<IEnumerable<IPEndPoint>> ResolveAsync(string entry)
    {
        if (IPEndPoint.TryParse(entry, out var endpoint) && endpoint.Port > 0)
        {
            return [Normalize(endpoint)];
        }
        var colon = entry.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(entry[(colon + 1)..], out var port) || port is <= 0 or > ushort.MaxValue)
        {
            return [];
        }
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(closing.Token);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            var addresses = await Dns.GetHostAddressesAsync(entry[..colon], timeout.Token);
            return addresses.Select(a => new IPEndPoint(a, port));
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            return [];
        }
    }

    /// <summary>
    /// Every few seconds: bootstraps while the table is nearly empty; each minute refreshes buckets quiet for 15
    /// minutes, pings nodes not heard from for as long, and forgets expired peers; every five minutes saves the state.
    /// </summary>
    private async Task MaintainAsync()
    {
        var lastMinute = long.MinValue;
        var lastSave = Time.GetTimestamp();
        var lastBootstrap = long.MinValue;
        while (!closing.IsCancellationRequested)
        {
            try
            {
                if (NodeCount < RoutingTable.BucketSize && Settings.BootstrapNodes.Count > 0
                    && (lastBootstrap == long.MinValue || Time.GetElapsedTime(lastBootstrap).TotalSeconds >= 10))
                {
                    lastBootstrap = Time.GetTimestamp();
                    await BootstrapAsync();
                }
                if (lastMinute == long.MinValue || Time.GetElapsedTime(lastMinute).TotalSeconds >= 60)
                {
                    lastMinute = Time.GetTimestamp();
                    List<NodeId> stale;
                    List<DhtNodeInfo> questionable;
                    lock (gate)
                    {
                        stale = [.. table4.StaleBucketTargets(BucketRefresh), .. table6.StaleBucketTargets(BucketRefresh)];
                        questionable = [.. table4.Questionable(BucketRefresh), .. table6.Questionable(BucketRefresh)];
                        store.Expire();
                    }
                    foreach (var target in stale.Take(8))
                    {
                        await FindNodeAsync(target, closing.Token);
                    }
                    await Task.WhenAll(questionable.Take(16).Select(n => PingAsync(n.EndPoint, closing.Token)));
                }
                if (Time.GetElapsedTime(lastSave).TotalMinutes >= 5)
                {
                    lastSave = Time.GetTimestamp();
                    SaveState();
                }
                await Task.Delay(TimeSpan.FromSeconds(2), Time, closing.Token);
            }
            catch (OperationCanceledException) when (closing.IsCancellationRequested)
            {
                return;
            }
            catch (IOException)
            {
                // Saving the state failed (a full disk): try again at the next save.
            }
        }
    }

    private enum CandidateState
    {
        Unqueried,
        InFlight,
        Responded,
        Failed,
    }

    private sealed class Candidate(DhtNodeInfo node)
    {
        public DhtNodeInfo Node { get; set; } = node;

        public CandidateState State { get; set; }

        public byte[]? Token { get; set; }
    }

    private sealed record LookupResult(List<Candidate> Closest, List<IPEndPoint> Peers);
}
