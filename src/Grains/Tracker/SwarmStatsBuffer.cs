using System.Collections.Concurrent;
using Swarmgrid.Data.Registry;

namespace Swarmgrid.Grains.Tracker;

/// <summary>
/// The latest figures of each swarm on this silo, waiting to be written to the read model in one batch:
/// thousands of swarms must not each open a connection and commit their own row.
/// </summary>
public sealed class SwarmStatsBuffer
{
    private readonly ConcurrentDictionary<string, SwarmStatsRecord> pending = new(StringComparer.Ordinal);

    public void Offer(SwarmStatsRecord stats) => pending[stats.SwarmKey] = stats;

    /// <summary>Takes everything offered so far; a swarm that offers again meanwhile stays for the next batch.</summary>
    public IReadOnlyList<SwarmStatsRecord> Drain()
    {
        var batch = new List<SwarmStatsRecord>(pending.Count);
        foreach (var key in pending.Keys)
        {
            if (pending.TryRemove(key, out var stats))
            {
                batch.Add(stats);
            }
        }
        return batch;
    }

    /// <summary>Puts a batch back after a failed write, unless newer figures arrived meanwhile.</summary>
    public void Return(IEnumerable<SwarmStatsRecord> batch)
    {
        foreach (var stats in batch)
        {
            pending.TryAdd(stats.SwarmKey, stats);
        }
    }
}
