using Microsoft.AspNetCore.Mvc;

namespace Swarmgrid.Hosting;

/// <summary>
/// <c>limit</c> (1–1000) and <c>offset</c> (≥ 0) of a paged list, bound with <c>[AsParameters]</c> and checked once by
/// <c>.Validate&lt;PageQuery&gt;()</c>.
/// </summary>
public sealed record PageQuery(
    [FromQuery(Name = "limit")] int? Limit,
    [FromQuery(Name = "offset")] int? Offset) : IValidatable
{
    public const int MaxLimit = 1000;

    public string? Validate() =>
        Limit is < 1 or > MaxLimit || Offset is < 0 ? "limit (1-1000) and offset must be non-negative integers" : null;

    public int LimitOr(int fallback) => Limit ?? fallback;

    public int Skip => Offset ?? 0;
}
