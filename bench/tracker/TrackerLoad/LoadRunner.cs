using System.Diagnostics;

namespace Swarmgrid.Bench.TrackerLoad;

/// <summary>A load pattern: one worker's loop until the budget runs out.</summary>
public interface ILoadWorker
{
    void Run(LoadBudget budget, WorkerTally tally);
}

/// <summary>
/// Runs workers on dedicated threads with blocking sockets (socket timeouts bound every wait): a warm-up whose figures
/// are dropped, then the measured phase, bracketed by the server's CPU time.
/// </summary>
public sealed class LoadRunner(LoadOptions options, Func<ILoadWorker> createWorker)
{
    public PhaseResult Run()
    {
        if (options.Warmup > TimeSpan.Zero)
        {
            RunPhase(options.Warmup, long.MaxValue);
        }
        var serverBefore = ReadServerCpu();
        var clientBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        var tallies = RunPhase(options.Duration, options.MaxRequests);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var serverCpu = ReadServerCpu() - serverBefore;
        var clientCpu = Process.GetCurrentProcess().TotalProcessorTime - clientBefore;
        return new PhaseResult(options.Mode, options.Workers, elapsed, tallies, serverCpu, clientCpu);
    }

    private WorkerTally[] RunPhase(TimeSpan duration, long maxRequests)
    {
        var budget = new LoadBudget(duration, maxRequests);
        var tallies = Enumerable.Range(0, options.Workers).Select(_ => new WorkerTally()).ToArray();
        var threads = tallies.Select(tally =>
        {
            var worker = createWorker();
            return new Thread(() => worker.Run(budget, tally)) { IsBackground = true };
        }).ToArray();
        foreach (var thread in threads)
        {
            thread.Start();
        }
        foreach (var thread in threads)
        {
            thread.Join();
        }
        return tallies;
    }

    private TimeSpan? ReadServerCpu() =>
        options.ServerPid is { } pid ? ProcessCpu.Read(pid, options.ClockTicksPerSecond) : null;
}
