using System.Globalization;

namespace Swarmgrid.Bench.TrackerLoad;

/// <summary>The command line: a mode, then <c>--name value</c> pairs.</summary>
public sealed record LoadOptions(
    string Mode,
    int Port,
    string HashesFile,
    int Workers,
    TimeSpan Warmup,
    TimeSpan Duration,
    long MaxRequests,
    int PeersPerSwarm,
    TimeSpan Timeout,
    TimeSpan ConnectionIdLifetime,
    int? ServerPid,
    int ClockTicksPerSecond,
    int HashCount)
{
    public const string Usage = """
        usage: TrackerLoad <mode> [options]
          modes: hashes      write --hash-count random 40-hex info hashes to --hashes
                 http        one TCP connection per announce (GET /announce, Connection: close)
                 udp         BEP 15 connect then announce, every time
                 udp-reuse   BEP 15 announces, connecting once per worker per --connection-id-lifetime
          --port N (6969)  --hashes FILE  --workers N (32)  --warmup S (3)  --duration S (12)
          --max-requests N (2000000)  --peers-per-swarm N (20)  --timeout-ms N (1000)
          --connection-id-lifetime S (60)  --server-pid PID  --clock-ticks N (100)  --hash-count N (10000)
        """;

    public static LoadOptions Parse(string[] args)
    {
        if (args.Length == 0 || args.Length % 2 == 0)
        {
            throw new ArgumentException(Usage);
        }
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"expected --name, got '{args[i]}'\n{Usage}");
            }
            values[args[i][2..]] = args[i + 1];
        }

        int Int(string name, int fallback) => values.Remove(name, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
        double Seconds(string name, double fallback) =>
            values.Remove(name, out var text) ? double.Parse(text, CultureInfo.InvariantCulture) : fallback;

        var options = new LoadOptions(
            args[0],
            Int("port", 6969),
            values.Remove("hashes", out var hashes) ? hashes : throw new ArgumentException($"--hashes FILE is required\n{Usage}"),
            Int("workers", 32),
            TimeSpan.FromSeconds(Seconds("warmup", 3)),
            TimeSpan.FromSeconds(Seconds("duration", 12)),
            values.Remove("max-requests", out var max) ? long.Parse(max, CultureInfo.InvariantCulture) : 2_000_000,
            Int("peers-per-swarm", 20),
            TimeSpan.FromMilliseconds(Int("timeout-ms", 1000)),
            TimeSpan.FromSeconds(Seconds("connection-id-lifetime", 60)),
            values.Remove("server-pid", out var pid) ? int.Parse(pid, CultureInfo.InvariantCulture) : null,
            Int("clock-ticks", 100),
            Int("hash-count", 10_000));
        if (values.Count > 0)
        {
            throw new ArgumentException($"unknown option --{values.Keys.First()}\n{Usage}");
        }
        return options;
    }
}
