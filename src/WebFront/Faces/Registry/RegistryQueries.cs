using Microsoft.AspNetCore.Mvc;
using Swarmgrid.Data.Registry;
using Swarmgrid.Hosting;

namespace Swarmgrid.WebFront.Faces.Registry;

/// <summary>The <c>info_hash</c> every single-entry registry route is asked by.</summary>
public sealed record InfoHashQuery([FromQuery(Name = "info_hash")] string? InfoHash) : IValidatable
{
    public string? Validate() => RegistryHash.Problem(InfoHash);

    public string Hash => RegistryHash.Normalize(InfoHash!);
}

/// <summary>The tracker seed's search: filters, a sort, and a page of at most 100 (a larger or zero limit is clamped).</summary>
public sealed record RegistrySearchQuery(
    [FromQuery(Name = "q")] string? Q,
    [FromQuery(Name = "category")] string? Category,
    [FromQuery(Name = "publisher")] string? Publisher,
    [FromQuery(Name = "tags")] string? Tags,
    [FromQuery(Name = "sort")] string? Sort,
    [FromQuery(Name = "limit")] int? Limit,
    [FromQuery(Name = "offset")] int? Offset) : IValidatable
{
    private const int DefaultLimit = 50;
    private const int MaxLimit = 100;

    public string? Validate() =>
        Order is null || Limit < 0 || Offset < 0 ? "sort must be created_at, completions or seeders; limit and offset non-negative integers" : null;

    public RegistrySearch ToSearch() =>
        new(Q, Category, Publisher, Tags, Order!.Value, Math.Clamp(Limit ?? DefaultLimit, 1, MaxLimit), Offset ?? 0);

    private RegistrySort? Order => Sort switch
    {
        null or "" or "created_at" => RegistrySort.CreatedAt,
        "completions" => RegistrySort.Completions,
        "seeders" => RegistrySort.Seeders,
        _ => null,
    };
}
