using System.Diagnostics;
using System.Globalization;

namespace Swarmgrid.Bench.TrackerLoad;

/// <summary>What one measured phase did, and the one-line summary the run script parses.</summary>
public sealed record PhaseResult(
    string Mode, int Workers, TimeSpan Elapsed, IReadOnlyList<WorkerTally> Tallies, TimeSpan? ServerCpu, TimeSpan ClientCpu)
{
    public string SummaryLine()
    {
        var latencies = Tallies.SelectMany(tally => tally.Latencies).ToArray();
        Array.Sort(latencies);
        var requests = latencies.LongLength;
        var seconds = Elapsed.TotalSeconds;
        var invariant = CultureInfo.InvariantCulture;
        var line = string.Create(invariant,
            $"RESULT mode={Mode} workers={Workers} requests={requests} ok={Tallies.Sum(t => t.Ok)} failures={Tallies.Sum(t => t.Failures)} " +
            $"errors={Tallies.Sum(t => t.Errors)} timeouts={Tallies.Sum(t => t.Timeouts)} connects={Tallies.Sum(t => t.Connects)} " +
            $"seconds={seconds:F2} rps={requests / seconds:F0} p50_ms={Percentile(latencies, 0.50):F3} p99_ms={Percentile(latencies, 0.99):F3} " +
            $"client_cpu_s={ClientCpu.TotalSeconds:F2}");
        if (ServerCpu is { } server)
        {
            var perThousand = requests > 0 ? server.TotalSeconds * 1000 / requests : double.NaN;
            line += string.Create(invariant, $" server_cpu_s={server.TotalSeconds:F2} server_cpu_s_per_1k={perThousand:F4}");
        }
        return line;
    }

    public IEnumerable<(string Kind, long Count)> ErrorKinds() => Tallies
        .SelectMany(tally => tally.ErrorKinds)
        .GroupBy(pair => pair.Key, pair => pair.Value)
        .Select(group => (group.Key, group.Sum()))
        .OrderByDescending(pair => pair.Item2);

    private static double Percentile(long[] sorted, double fraction) =>
        sorted.Length == 0 ? double.NaN
            : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(fraction * sorted.Length) - 1)] * 1000.0 / Stopwatch.Frequency;
}
