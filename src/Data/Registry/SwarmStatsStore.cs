using Dapper;

namespace Swarmgrid.Data.Registry;

/// <summary>Swarm figures for lists and sorting; each swarm grain writes its own row, in batches.</summary>
public sealed class SwarmStatsStore(Database database)
{
    public Task WriteAsync(SwarmStatsRecord stats, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        WriteManyAsync([stats], now, cancellationToken);

    /// <summary>Writes a batch of rows in one transaction.</summary>
    public async Task WriteManyAsync(IReadOnlyCollection<SwarmStatsRecord> batch, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (batch.Count == 0)
        {
            return;
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO swarm_stats (swarm_key, seeders, leechers, completions, updated_at)
            VALUES (@SwarmKey, @Seeders, @Leechers, @Completions, @now)
            ON CONFLICT (swarm_key) DO UPDATE SET seeders = excluded.seeders, leechers = excluded.leechers,
                completions = excluded.completions, updated_at = excluded.updated_at
            """,
            batch.Select(stats => new { stats.SwarmKey, stats.Seeders, stats.Leechers, stats.Completions, now }),
            transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<SwarmStatsRecord?> GetAsync(string swarmKey, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<StatsRow>(new CommandDefinition(
            "SELECT swarm_key AS SwarmKey, seeders AS Seeders, leechers AS Leechers, completions AS Completions FROM swarm_stats WHERE swarm_key = @swarmKey",
            new { swarmKey }, cancellationToken: cancellationToken));
        return row is null ? null : new SwarmStatsRecord(row.SwarmKey, row.Seeders, row.Leechers, row.Completions);
    }

    /// <summary>The figures of those of <paramref name="swarmKeys"/> that have any, by swarm key.</summary>
    public async Task<IReadOnlyDictionary<string, SwarmStatsRecord>> GetManyAsync(IReadOnlyCollection<string> swarmKeys, CancellationToken cancellationToken = default)
    {
        if (swarmKeys.Count == 0)
        {
            return new Dictionary<string, SwarmStatsRecord>();
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<StatsRow>(new CommandDefinition(
            "SELECT swarm_key AS SwarmKey, seeders AS Seeders, leechers AS Leechers, completions AS Completions FROM swarm_stats WHERE swarm_key "
            + (database.Kind == DatabaseKind.Postgres ? "= ANY(@swarmKeys)" : "IN @swarmKeys"),
            new { swarmKeys = swarmKeys.Distinct().ToArray() }, cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.SwarmKey, r => new SwarmStatsRecord(r.SwarmKey, r.Seeders, r.Leechers, r.Completions));
    }

    private sealed class StatsRow
    {
        public string SwarmKey { get; set; } = "";
        public int Seeders { get; set; }
        public int Leechers { get; set; }
        public long Completions { get; set; }
    }
}
