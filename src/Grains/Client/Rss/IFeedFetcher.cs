namespace Swarmgrid.Grains.Client.Rss;

/// <summary>
/// How feed pollers reach the web: the silo supplies one that refuses URLs and addresses inside the network (the
/// outbound fetcher), so a feed or an enclosure a user names cannot make the cluster fetch from within.
/// </summary>
public interface IFeedFetcher
{
    /// <summary>Fetches <paramref name="request"/>; a conditional GET when it carries validators.</summary>
    /// <exception cref="FeedFetchException">The URL was refused, or the upstream gave no usable answer.</exception>
    Task<FeedDownload> GetAsync(FeedRequest request, CancellationToken cancellationToken = default);
}

/// <summary>What to fetch, within which bounds, and the validators of the last answer (for If-None-Match and If-Modified-Since).</summary>
public sealed record FeedRequest(Uri Url, long MaxBytes, TimeSpan Timeout, string? ETag = null, DateTimeOffset? LastModified = null);

/// <summary>A fetched body (empty when <see cref="NotModified"/>) and the validators for the next conditional GET.</summary>
public sealed record FeedDownload(bool NotModified, byte[] Body, string? ContentType, string? ETag, DateTimeOffset? LastModified);

/// <summary>The fetch was refused (<see cref="Refused"/>) or failed; the message says why, for the user.</summary>
public sealed class FeedFetchException(string message, bool refused, Exception? inner = null) : Exception(message, inner)
{
    public bool Refused { get; } = refused;
}
