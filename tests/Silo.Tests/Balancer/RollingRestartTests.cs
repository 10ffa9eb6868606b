using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Swarmgrid.BitTorrent.Bencoding;
using Swarmgrid.BitTorrent.Tracker.Udp;
using Swarmgrid.Silo.Tests.Tracker;
using Swarmgrid.TestSupport;
using Xunit.Abstractions;

namespace Swarmgrid.Silo.Tests.Balancer;

/// <summary>
/// Every silo and web front restarted one at a time (SIGTERM, start again, wait for its /health — what
/// <c>deploy/rolling-restart.sh</c> does) behind the balancer while HTTP and UDP announces and REST reads and writes
/// keep coming through it. Failed requests are counted and printed; nothing acknowledged may be lost.
/// </summary>
[Collection(BalancedClusterCollection.Name)]
public sealed class RollingRestartTests(BalancedCluster cluster, ITestOutputHelper output)
{
    private const int Swarms = 50;
    private const int PeersPerSwarm = 4;
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(50);

    private readonly byte[][] infoHashes = Enumerable.Range(0, Swarms).Select(_ => AnnounceUrl.RandomHash()).ToArray();
    private readonly ConcurrentDictionary<(int Swarm, int Peer), bool> acknowledgedPeers = new();
    private readonly ConcurrentBag<string> acknowledgedTags = [];
    private readonly ConcurrentBag<string> failures = [];
    private int httpAnnounces, udpAnnounces, udpRetries, restReads, restWrites;
    private volatile string phase = "before the restarts";

    [SkippableFact]
    public async Task A_rolling_restart_behind_the_balancer_loses_nothing_acknowledged_and_fails_no_request()
    {
        using var admin = await Http.For(cluster.Balancer.Address).SignedInAsync();
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        var load = new List<Task>
        {
            AnnounceOverHttpAsync(0, stop.Token),
            AnnounceOverHttpAsync(1, stop.Token),
            AnnounceOverUdpAsync(2, stop.Token),
            RestAsync(admin, stop.Token),
        };
        await Task.Delay(TimeSpan.FromSeconds(3));

        var timings = new List<string>();
        foreach (var member in cluster.Silos.Concat(cluster.WebFronts))
        {
            var watch = Stopwatch.StartNew();
            phase = $"while {member.Name} restarted";
            await cluster.RestartAsync(member);
            phase = $"after {member.Name} restarted";
            timings.Add($"{member.Name} {watch.Elapsed.TotalSeconds:F1} s");
            await Task.Delay(TimeSpan.FromSeconds(3));
        }
        await stop.CancelAsync();
        await Task.WhenAll(load);

        var lostPeers = await LostPeersAsync(admin);
        var tags = JsonNode.Parse(await admin.GetStringAsync("/client/api/tags"))!.AsArray().Select(t => (string?)t!["name"]).ToHashSet();
        var lostTags = acknowledgedTags.Count(name => !tags.Contains(name));
        output.WriteLine($"rolling restart: {string.Join(", ", timings)}");
        output.WriteLine($"requests: {httpAnnounces} HTTP announces, {udpAnnounces} UDP announces ({udpRetries} requests resent after 1 s), "
            + $"{restReads} REST reads, {restWrites} REST writes; failed {failures.Count}; lost: {lostPeers} announced peers, {lostTags} of {acknowledgedTags.Count} tags");
        foreach (var (failure, count) in failures.CountBy(f => f))
        {
            output.WriteLine($"  failed {count}×: {failure}");
        }

        Assert.Equal(0, lostTags);
        Assert.Equal(0, lostPeers);
        Assert.Empty(failures);
        Assert.True(httpAnnounces > 100 && udpAnnounces > 20 && restWrites > 20, "the load never ran");
    }

    private async Task AnnounceOverHttpAsync(int worker, CancellationToken stop)
    {
        using var client = Http.For(cluster.Balancer.Address);
        for (var i = worker; !stop.IsCancellationRequested; i += 3)
        {
            var (swarm, peer) = (i % Swarms, i / Swarms % PeersPerSwarm);
            try
            {
                var answer = await Bencoded.GetAsync(client, AnnounceUrl.Announce(infoHashes[swarm], PeerNumber(swarm, peer), 40000 + PeerNumber(swarm, peer), left: 1) + "&compact=1");
                if (Bencoded.Failure(answer) is { } reason)
                {
                    failures.Add($"HTTP announce {phase}: {reason}");
                }
                else
                {
                    acknowledgedPeers[(swarm, peer)] = true;
                }
            }
            catch (Exception ex)
            {
                failures.Add($"HTTP announce {phase}: {ex.Message}");
            }
            Interlocked.Increment(ref httpAnnounces);
            await Delay(stop);
        }
    }

    /// <summary>BEP 15 clients resend a request that got no answer (after 15 s, up to 8 times); this one waits 1 s, twice.</summary>
    private async Task AnnounceOverUdpAsync(int worker, CancellationToken stop)
    {
        using var client = new UdpTrackerClient(cluster.Balancer.UdpPort);
        for (var i = worker; !stop.IsCancellationRequested; i += 3)
        {
            var (swarm, peer) = (i % Swarms, i / Swarms % PeersPerSwarm);
            var answered = false;
            for (var attempt = 0; attempt < 3 && !answered && !stop.IsCancellationRequested; attempt++)
            {
                if (attempt > 0)
                {
                    Interlocked.Increment(ref udpRetries);
                }
                var connect = await client.ExchangeAsync(ConnectPacket(), TimeSpan.FromSeconds(1));
                if (!UdpConnectResponse.TryDecode(connect, out var connected))
                {
                    continue;
                }
                var packet = UdpTrackerClient.AnnouncePacket(connected.ConnectionId, infoHashes[swarm], PeerNumber(swarm, peer), (ushort)(40000 + PeerNumber(swarm, peer)), left: 1,
                    transactionId: Random.Shared.Next());
                answered = UdpAnnounceResponse.TryDecode(await client.ExchangeAsync(packet, TimeSpan.FromSeconds(1)), out _, out _);
            }
            if (answered)
            {
                acknowledgedPeers[(swarm, peer)] = true;
            }
            else if (!stop.IsCancellationRequested)
            {
                failures.Add($"UDP announce {phase}: no answer after two resends");
            }
            Interlocked.Increment(ref udpAnnounces);
            await Delay(stop);
        }
    }

    private async Task RestAsync(HttpClient admin, CancellationToken stop)
    {
        // Requests in flight when the load stops are let finish: their answers count.
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            try
            {
                if (i % 2 == 0)
                {
                    var name = $"rolling-{Guid.NewGuid():N}"[..20];
                    var created = await admin.PostAsJsonAsync("/client/api/tags", new { name });
                    Interlocked.Increment(ref restWrites);
                    if (created.StatusCode == HttpStatusCode.OK)
                    {
                        acknowledgedTags.Add(name);
                    }
                    else
                    {
                        failures.Add($"POST /client/api/tags {phase}: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync()}");
                    }
                }
                else
                {
                    var read = await admin.GetAsync("/client/api/torrents");
                    Interlocked.Increment(ref restReads);
                    if (read.StatusCode != HttpStatusCode.OK)
                    {
                        failures.Add($"GET /client/api/torrents {phase}: {(int)read.StatusCode}");
                    }
                }
            }
            catch (Exception ex)
            {
                failures.Add($"REST {phase}: {ex.Message}");
            }
            await Delay(stop);
        }
    }

    /// <summary>Peers acknowledged by an announce that a scrape through the balancer no longer counts.</summary>
    private async Task<int> LostPeersAsync(HttpClient client)
    {
        var lost = 0;
        for (var swarm = 0; swarm < Swarms; swarm++)
        {
            var files = (await Bencoded.GetAsync(client, $"/scrape?info_hash={AnnounceUrl.Encode(infoHashes[swarm])}")).Get<BDictionary>("files")!;
            var counted = files.Count == 1 ? ((BDictionary)files.Single().Value).Get<BInteger>("incomplete")!.Value : 0;
            var acknowledged = acknowledgedPeers.Keys.Count(k => k.Swarm == swarm);
            lost += (int)Math.Max(0, acknowledged - counted);
        }
        return lost;
    }

    private static int PeerNumber(int swarm, int peer) => swarm * PeersPerSwarm + peer + 1;

    private static byte[] ConnectPacket()
    {
        var packet = new byte[UdpConnectRequest.Size];
        new UdpConnectRequest(Random.Shared.Next()).Encode(packet);
        return packet;
    }

    private static async Task Delay(CancellationToken stop)
    {
        try
        {
            await Task.Delay(Pause, stop);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
