using System.Globalization;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Swarmgrid.GrainInterfaces.Client;
using Swarmgrid.GrainInterfaces.Users;
using Swarmgrid.Hosting;
using Swarmgrid.Hosting.Network.Outbound;
using Swarmgrid.Identity;

namespace Swarmgrid.WebFront.Faces.Client;

/// <summary>
/// The client face's RSS feeds and filters, kept by the feeds grain (key 0) and polled by one poller grain per feed.
/// Reading takes a viewer, changing an operator. Feed URLs pass the outbound rules (http or https, no credentials, no
/// inside address) when written and again, address by address, when fetched.
/// </summary>
public static class ClientFeedsApi
{
    public static IEndpointRouteBuilder MapClientFeedsApi(this IEndpointRouteBuilder routes, string prefix)
    {
        var client = routes.MapGroup(prefix).WithTags("Client").AddEndpointFilter<OriginGuardFilter>();
        var read = client.MapGroup("").RequireRole(Role.Viewer);
        var write = client.MapGroup("").RequireRole(Role.Operator);
        const int limit = ClientTorrentsApi.MaxJsonBody;

        read.MapGet("/feeds", ListFeeds).WithName("ClientListFeeds");
        write.MapPost("/feeds", AddFeed).Validate<FeedRequest>().AddEndpointFilter(FeedUrlAllowed).AcceptsJsonUpTo(limit).WithName("ClientAddFeed");
        write.MapPut("/feeds", UpdateFeed).Validate<FeedRequest>().AddEndpointFilter(FeedUrlAllowed).AcceptsJsonUpTo(limit).WithName("ClientUpdateFeed");
        write.MapDelete("/feeds/{id}", RemoveFeed).AcceptsJsonUpTo(limit).WithName("ClientRemoveFeed");
        write.MapPost("/feeds/{id}/refresh", RefreshFeed).WithName("ClientRefreshFeed");
        read.MapGet("/feeds/{feedID}/filters", ListFilters).WithName("ClientListFeedFilters");
        write.MapPost("/filters", AddFilter).Validate<FilterRequest>().AcceptsJsonUpTo(limit).WithName("ClientAddFeedFilter");
        write.MapPut("/filters", UpdateFilter).Validate<FilterRequest>().AcceptsJsonUpTo(limit).WithName("ClientUpdateFeedFilter");
        write.MapDelete("/filters/{id}", RemoveFilter).AcceptsJsonUpTo(limit).WithName("ClientRemoveFeedFilter");
        return routes;
    }

    public static async Task<Ok<List<FeedDto>>> ListFeeds(IGrainFactory grains) =>
        TypedResults.Ok((await Feeds(grains).GetFeedsAsync()).Select(FeedDto.From).ToList());

    /// <summary>Adds the feed under a new id (a given id is ignored); an enabled feed is polled at once, then every interval.</summary>
    public static async Task<Results<Ok<CreatedResponse>, ProblemHttpResult>> AddFeed(FeedRequest request, IGrainFactory grains) =>
        await Feeds(grains).AddFeedAsync(request.ToSpec()) is { } id
            ? TypedResults.Ok(new CreatedResponse(id))
            : ApiProblem.Conflict($"there are already {IClientFeedsGrain.MaxFeeds} feeds");

    /// <summary>Replaces the feed named by the body's <c>id</c>; <c>last_polled</c> and <c>etag</c> are the poller's and ignored.</summary>
    public static async Task<Results<Ok<OkResponse>, ProblemHttpResult>> UpdateFeed(FeedRequest request, IGrainFactory grains)
    {
        if (request.Id is not > 0)
        {
            return ApiProblem.BadRequest("id is required: the positive id of the feed to replace");
        }
        return await Feeds(grains).UpdateFeedAsync(request.Id.Value, request.ToSpec())
            ? TypedResults.Ok(OkResponse.Yes)
            : FeedNotFound(request.Id.Value);
    }

    /// <summary>Removes the feed with its filters; its poller stops. Torrents it added stay.</summary>
    public static async Task<Results<Ok<OkResponse>, ProblemHttpResult>> RemoveFeed(string id, IGrainFactory grains)
    {
        if (ParseId(id) is not { } feedId)
        {
            return ApiProblem.BadRequest("id must be a positive integer");
        }
        return await Feeds(grains).RemoveFeedAsync(feedId) ? TypedResults.Ok(OkResponse.Yes) : FeedNotFound(feedId);
    }

    /// <summary>
    /// Polls the feed now (not in the seed): 200 with what the poll did, its error included; 409 for a disabled feed.
    /// Items already added are not added again.
    /// </summary>
    public static async Task<Results<Ok<FeedRefreshResponse>, ProblemHttpResult>> RefreshFeed(string id, IGrainFactory grains)
    {
        if (ParseId(id) is not { } feedId)
        {
            return ApiProblem.BadRequest("id must be a positive integer");
        }
        if (await Feeds(grains).GetFeedAsync(feedId) is not { } feed)
        {
            return FeedNotFound(feedId);
        }
        if (!feed.Enabled)
        {
            return ApiProblem.Conflict("the feed is disabled");
        }
        var result = await grains.GetGrain<IClientFeedPollerGrain>(feedId).PollNowAsync();
        return result.Found
            ? TypedResults.Ok(new FeedRefreshResponse(result.Error is null, result.NotModified, result.Items, result.Added, result.Error))
            : FeedNotFound(feedId);
    }

    public static async Task<Results<Ok<List<FilterDto>>, ProblemHttpResult>> ListFilters(string feedID, IGrainFactory grains)
    {
        if (ParseId(feedID) is not { } feedId)
        {
            return ApiProblem.BadRequest("feedID must be a positive integer");
        }
        return await Feeds(grains).GetFiltersAsync(feedId) is { } filters
            ? TypedResults.Ok(filters.Select(FilterDto.From).ToList())
            : FeedNotFound(feedId);
    }

    /// <summary>Adds the filter under a new id; 404 when its feed or category does not exist.</summary>
    public static async Task<Results<Ok<CreatedResponse>, ProblemHttpResult>> AddFilter(FilterRequest request, IGrainFactory grains)
    {
        if (await CategoryProblem(request, grains) is { } problem)
        {
            return problem;
        }
        var written = await Feeds(grains).AddFilterAsync(request.ToFilter(0));
        return written.Outcome switch
        {
            RssWrite.Done => TypedResults.Ok(new CreatedResponse(written.Id)),
            RssWrite.Full => ApiProblem.Conflict($"the feed has {IClientFeedsGrain.MaxFiltersPerFeed} filters already"),
            _ => FeedNotFound(request.FeedId!.Value),
        };
    }

    /// <summary>Replaces the filter named by the body's <c>id</c>; 404 when it, its feed or its category does not exist.</summary>
    public static async Task<Results<Ok<OkResponse>, ProblemHttpResult>> UpdateFilter(FilterRequest request, IGrainFactory grains)
    {
        if (request.Id is not > 0)
        {
            return ApiProblem.BadRequest("id is required: the positive id of the filter to replace");
        }
        if (await CategoryProblem(request, grains) is { } problem)
        {
            return problem;
        }
        return (await Feeds(grains).UpdateFilterAsync(request.ToFilter(request.Id.Value))).Outcome switch
        {
            RssWrite.Done => TypedResults.Ok(OkResponse.Yes),
            RssWrite.Full => ApiProblem.Conflict($"the feed has {IClientFeedsGrain.MaxFiltersPerFeed} filters already"),
            RssWrite.FeedNotFound => FeedNotFound(request.FeedId!.Value),
            _ => ApiProblem.NotFound($"no filter {request.Id}"),
        };
    }

    public static async Task<Results<Ok<OkResponse>, ProblemHttpResult>> RemoveFilter(string id, IGrainFactory grains)
    {
        if (ParseId(id) is not { } filterId)
        {
            return ApiProblem.BadRequest("id must be a positive integer");
        }
        return await Feeds(grains).RemoveFilterAsync(filterId) ? TypedResults.Ok(OkResponse.Yes) : ApiProblem.NotFound($"no filter {filterId}");
    }

    /// <summary>The feed URL must be one the outbound fetcher would fetch (<c>Outbound:AllowLoopback</c> is for tests only).</summary>
    private static async ValueTask<object?> FeedUrlAllowed(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.Arguments.OfType<FeedRequest>().First();
        var options = context.HttpContext.RequestServices.GetRequiredService<OutboundOptions>();
        return OutboundUrl.Problem(request.Url, options.AllowLoopback) is { } problem ? ApiProblem.BadRequest(problem) : await next(context);
    }

    private static async Task<ProblemHttpResult?> CategoryProblem(FilterRequest request, IGrainFactory grains) =>
        request.CategoryId is { } categoryId && await grains.GetGrain<IClientCatalogGrain>(0).GetCategoryAsync(categoryId) is null
            ? ApiProblem.NotFound("category not found")
            : null;

    private static ProblemHttpResult FeedNotFound(int id) => ApiProblem.NotFound($"no feed {id}");

    private static IClientFeedsGrain Feeds(IGrainFactory grains) => grains.GetGrain<IClientFeedsGrain>(0);

    private static int? ParseId(string id) =>
        int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : null;
}

/// <summary>
/// The seed's FeedDTO as a request: <c>url</c> is required; <c>name</c> defaults to empty, <c>interval_min</c> to 0 (the
/// default, 15 minutes), <c>enabled</c> to true; <c>id</c> names the feed on PUT and is ignored on POST; <c>last_polled</c>
/// and <c>etag</c> belong to the poller and are ignored.
/// </summary>
public sealed record FeedRequest(
    [property: JsonPropertyName("id")] int? Id,
    [property: JsonPropertyName("url")] string? Url,
    [property: JsonPropertyName("name")] string? Name = null,
    [property: JsonPropertyName("interval_min")] int? IntervalMin = null,
    [property: JsonPropertyName("enabled")] bool? Enabled = null) : IValidatable
{
    public const int MaxName = 256;

    public string? Validate() =>
        string.IsNullOrWhiteSpace(Url) ? "url is required"
        : Name is { Length: > MaxName } ? $"name is longer than {MaxName} characters"
        : IntervalMin is < 0 or > RssFeed.MaxIntervalMinutes
            ? $"interval_min must be 0 (the default, {RssFeed.DefaultInterval.TotalMinutes:0} minutes) or between {RssFeed.MinIntervalMinutes} and {RssFeed.MaxIntervalMinutes}"
        : null;

    public RssFeedSpec ToSpec() => new(Url!.Trim(), Name?.Trim() ?? "", IntervalMin ?? 0, Enabled ?? true);
}

/// <summary>
/// The seed's FilterDTO as a request: <c>feed_id</c> is required; <c>regex</c> defaults to empty (match all),
/// <c>category_id</c> to none, <c>save_path</c> to empty (the category's folder, else the default), <c>enabled</c> to true.
/// </summary>
public sealed record FilterRequest(
    [property: JsonPropertyName("id")] int? Id,
    [property: JsonPropertyName("feed_id")] int? FeedId,
    [property: JsonPropertyName("regex")] string? Regex = null,
    [property: JsonPropertyName("category_id")] int? CategoryId = null,
    [property: JsonPropertyName("save_path")] string? SavePath = null,
    [property: JsonPropertyName("enabled")] bool? Enabled = null) : IValidatable
{
    public string? Validate() =>
        FeedId is null ? "feed_id is required"
        : FeedId <= 0 ? "feed_id must be a positive integer"
        : CategoryId is <= 0 ? "category_id must be a positive integer or null"
        : ClientRules.SavePathProblem(SavePath)
        ?? ToFilter(0).Problem();

    public RssFilter ToFilter(int id) => new(id, FeedId ?? 0, Regex ?? "", CategoryId, SavePath ?? "", Enabled ?? true);
}

public sealed record FeedDto(
    [property: JsonPropertyName("id")] int Id,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("interval_min")] int IntervalMin,
    [property: JsonPropertyName("last_polled")] long LastPolled,
    [property: JsonPropertyName("etag")] string ETag,
    [property: JsonPropertyName("enabled")] bool Enabled,
    [property: JsonPropertyName("error"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error)
{
    public static FeedDto From(RssFeed feed) =>
        new(feed.Id, feed.Url, feed.Name, feed.IntervalMinutes, feed.LastPolled?.ToUnixTimeSeconds() ?? 0, feed.ETag, feed.Enabled, feed.Error);
}

public sealed record FilterDto(
    [property: JsonPropertyName("id")] int Id,
    [property: JsonPropertyName("feed_id")] int FeedId,
    [property: JsonPropertyName("regex")] string Regex,
    [property: JsonPropertyName("category_id")] int? CategoryId,
    [property: JsonPropertyName("save_path")] string SavePath,
    [property: JsonPropertyName("enabled")] bool Enabled)
{
    public static FilterDto From(RssFilter filter) => new(filter.Id, filter.FeedId, filter.Pattern, filter.CategoryId, filter.SavePath, filter.Enabled);
}

/// <summary>What a refresh did: <c>not_modified</c> when the feed answered 304, the item count and the info-hashes added.</summary>
public sealed record FeedRefreshResponse(
    [property: JsonPropertyName("ok")] bool Ok,
    [property: JsonPropertyName("not_modified")] bool NotModified,
    [property: JsonPropertyName("items")] int Items,
    [property: JsonPropertyName("added")] IReadOnlyList<string> Added,
    [property: JsonPropertyName("error"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error);
