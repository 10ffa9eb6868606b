namespace Swarmgrid.Data.Registry;

public enum RegistrySort
{
    CreatedAt,
    Completions,
    Seeders,
}

/// <summary>A registry search; every filter is optional.</summary>
public sealed record RegistrySearch(
    string? Query = null,
    string? Category = null,
    string? Publisher = null,
    string? Tags = null,
    RegistrySort Sort = RegistrySort.CreatedAt,
    int Limit = 50,
    int Offset = 0);
