namespace Swarmgrid.Data.Registry;

/// <summary>One swarm's figures as its grain last wrote them.</summary>
public sealed record SwarmStatsRecord(string SwarmKey, int Seeders, int Leechers, long Completions);
