using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Swarmgrid.Bench.RealtimeLoad;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Swarmgrid.GrainInterfaces.Realtime;

// RealtimeLoad FRONT_URL TOKEN POSTGRES CLUSTER_ID FRONT_PID CLIENTS EVENTS_PER_SECOND SECONDS
// Connects CLIENTS SignalR clients to FRONT_URL/hubs/dashboard (topic "torrents"), publishes EVENTS_PER_SECOND
// torrent.progress events to the cluster's feed grain for SECONDS, and prints what the clients received.
var (front, token, postgres, clusterId) = (new Uri(args[0]), args[1], args[2], args[3]);
var (frontPid, clients, rate, seconds) = (int.Parse(args[4], CultureInfo.InvariantCulture), int.Parse(args[5], CultureInfo.InvariantCulture),
    int.Parse(args[6], CultureInfo.InvariantCulture), int.Parse(args[7], CultureInfo.InvariantCulture));
var clockTicks = 100;

const int MeasuringClients = 50;
var latencies = new ConcurrentBag<double>();
var measuring = false;
var hub = new Uri(front, "/hubs/dashboard");
var sockets = Enumerable.Range(0, clients)
    .Select(i => new HubSocketClient(hub, token, i < MeasuringClients, ms => { if (measuring) latencies.Add(ms); }))
    .ToList();
var connect = Stopwatch.StartNew();
using (var gate = new SemaphoreSlim(32))
{
    await Task.WhenAll(sockets.Select(async socket =>
    {
        await gate.WaitAsync();
        try
        {
            await socket.ConnectAsync("torrents", CancellationToken.None);
        }
        finally
        {
            gate.Release();
        }
    }));
}
using var stop = new CancellationTokenSource();
var receiving = sockets.Select(socket => socket.RunAsync(stop.Token)).ToList();
Console.WriteLine($"connected {sockets.Count} clients in {connect.Elapsed.TotalSeconds:F1} s");
await Task.Delay(1000);
var countedBefore = sockets.Sum(s => s.Events);

using var host = Host.CreateDefaultBuilder()
    .ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
    .UseOrleansClient(client => client
        .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (clusterId, clusterId))
        .UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = ("Npgsql", postgres)))
    .Build();
await host.StartAsync();
var feed = host.Services.GetRequiredService<IClusterClient>().GetGrain<IRealtimeFeedGrain>(0);

// Events go out in 50 ms batches, as the silos' publishers send them.
const int BatchMs = 50;
var perBatch = Math.Max(1, rate * BatchMs / 1000);
var rssBefore = Rss(frontPid);
var cpuBefore = Cpu(frontPid, clockTicks);
var run = Stopwatch.StartNew();
measuring = true;
long published = 0;
var next = 0L;
while (run.Elapsed < TimeSpan.FromSeconds(seconds))
{
    var batch = new RealtimeEvent[perBatch];
    for (var i = 0; i < perBatch; i++)
    {
        var hash = (published + i).ToString("x40", CultureInfo.InvariantCulture);
        batch[i] = new RealtimeEvent(Guid.NewGuid().ToString("N"), "torrent.progress", RealtimeTopics.Torrents, hash, DateTimeOffset.UtcNow,
            $"{{\"sent\":{Stopwatch.GetTimestamp()},\"info_hash\":\"{hash}\",\"bytes_done\":{published + i},\"download_rate\":1048576}}");
    }
    await feed.PublishAsync(batch);
    published += perBatch;
    next += BatchMs;
    var wait = next - run.ElapsedMilliseconds;
    if (wait > 0)
    {
        await Task.Delay((int)wait);
    }
}
var elapsed = run.Elapsed.TotalSeconds;
await Task.Delay(2000);
measuring = false;
var delivered = sockets.Sum(s => s.Events) - countedBefore;
var cpu = (Cpu(frontPid, clockTicks) - cpuBefore).TotalSeconds;
var sorted = latencies.Order().ToArray();
double Percentile(double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
var expected = published * sockets.Count;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"clients={sockets.Count} events_published={published} events_per_s={published / elapsed:F0} delivered={delivered} expected={expected} " +
    $"delivered_per_s={delivered / elapsed:F0} lost={expected - delivered} p50_ms={Percentile(0.50):F1} p99_ms={Percentile(0.99):F1} max_ms={Percentile(1):F1} " +
    $"front_cpu_cores={cpu / elapsed:F2} front_rss_mib={Rss(frontPid) / 1048576.0:F0} front_rss_before_mib={rssBefore / 1048576.0:F0}"));

await stop.CancelAsync();
await Task.WhenAll(sockets.Select(s => s.CloseAsync()));
await host.StopAsync();

static long Rss(int pid) =>
    File.ReadLines($"/proc/{pid}/status").Where(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
        .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024).First();

static TimeSpan Cpu(int pid, int ticksPerSecond)
{
    var stat = File.ReadAllText($"/proc/{pid}/stat");
    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
    var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    return TimeSpan.FromSeconds((double)ticks / ticksPerSecond);
}
