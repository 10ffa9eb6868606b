namespace Swarmgrid.Data.Registry;

/// <summary>A registry row joined with its swarm's live figures.</summary>
public sealed class RegistryEntryRecord
{
    public string InfoHash { get; set; } = "";
    public string? V1InfoHash { get; set; }
    public string? SwarmKey { get; set; }
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public string? Publisher { get; set; }
    public string? License { get; set; }
    public long? Size { get; set; }
    public string? Category { get; set; }
    public string? Tags { get; set; }
    public bool Verified { get; set; }
    public long Completions { get; set; }
    public int Seeders { get; set; }
    public int Leechers { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
