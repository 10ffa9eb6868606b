namespace Swarmgrid.GrainInterfaces.Tracker;

/// <summary>Scrape figures of one swarm: seeders, leechers, and completed downloads.</summary>
[GenerateSerializer, Immutable, Alias("Swarmgrid.SwarmCounts")]
public sealed record SwarmCounts(
    [property: Id(0)] int Complete,
    [property: Id(1)] int Incomplete,
    [property: Id(2)] long Downloaded,
    [property: Id(3)] bool Blocked);
