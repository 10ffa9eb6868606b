namespace Swarmgrid.Grains.Tracker;

/// <summary>What a swarm keeps across activations; its peers are soft state and are not stored.</summary>
public sealed class SwarmState
{
    public long Completions { get; set; }

    public bool Blocked { get; set; }

    public string? BlockReason { get; set; }

    /// <summary>When set, this hash is the second hash of a hybrid torrent and announces go to that swarm.</summary>
    public string? AliasOf { get; set; }
}
