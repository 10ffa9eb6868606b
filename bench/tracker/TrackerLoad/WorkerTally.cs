namespace Swarmgrid.Bench.TrackerLoad;

/// <summary>One worker's outcomes; owned by its thread, merged after the phase.</summary>
public sealed class WorkerTally
{
    /// <summary>Stopwatch ticks of each answered request (tracker failures included).</summary>
    public List<long> Latencies { get; } = new(1 << 16);

    public long Ok { get; set; }

    /// <summary>Well-formed refusals: a bencoded <c>failure reason</c> or a UDP error packet.</summary>
    public long Failures { get; set; }

    /// <summary>Refused or reset connections and malformed answers.</summary>
    public long Errors { get; private set; }

    /// <summary>How many errors of each kind, for the diagnostics on stderr.</summary>
    public Dictionary<string, long> ErrorKinds { get; } = [];

    /// <summary>No answer within the timeout (lost UDP packets, stuck connections).</summary>
    public long Timeouts { get; set; }

    /// <summary>UDP connect exchanges made outside the measured requests (reuse mode).</summary>
    public long Connects { get; set; }

    public void Failed(string kind)
    {
        Errors++;
        ErrorKinds[kind] = ErrorKinds.GetValueOrDefault(kind) + 1;
    }

    public void Answered(long elapsedTicks, bool ok)
    {
        Latencies.Add(elapsedTicks);
        if (ok)
        {
            Ok++;
        }
        else
        {
            Failures++;
        }
    }
}
