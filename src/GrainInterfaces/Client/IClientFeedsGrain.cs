using System.Text.RegularExpressions;

namespace Swarmgrid.GrainInterfaces.Client;

/// <summary>
/// The client's RSS feeds and their filters (key 0), numbered as Mosaic numbers them. Each enabled feed is polled by its
/// own <see cref="IClientFeedPollerGrain"/> (keyed by the feed id), which this grain wakes on every change of the feed or
/// its filters; the poller reports each poll back (<see cref="RecordPollAsync"/>). Changes go out on the realtime feed
/// (<see cref="ChangedEvent"/>).
/// </summary>
public interface IClientFeedsGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Realtime event, topic <c>settings</c>: payload <c>{"feeds":[…],"filters":[…]}</c>, everything after the change (or a
    /// poll) in the client face's FeedDTO (with <c>error</c>) and FilterDTO shapes.
    /// </summary>
    const string ChangedEvent = "client.feeds_changed";

    /// <summary>The most feeds kept, and the most filters kept for one feed.</summary>
    const int MaxFeeds = 256;

    const int MaxFiltersPerFeed = 256;

    /// <summary>The feeds by id, oldest first.</summary>
    ValueTask<IReadOnlyList<RssFeed>> GetFeedsAsync();

    ValueTask<RssFeed?> GetFeedAsync(int id);

    /// <summary>Adds a feed under a new id; null when <see cref="MaxFeeds"/> are kept.</summary>
    ValueTask<int?> AddFeedAsync(RssFeedSpec spec);

    /// <summary>
    /// Replaces what the user chose for feed <paramref name="id"/>; false when there is none. A new URL forgets the
    /// feed's validators (ETag, Last-Modified), last poll and error.
    /// </summary>
    ValueTask<bool> UpdateFeedAsync(int id, RssFeedSpec spec);

    /// <summary>Removes the feed and its filters; false when there is none.</summary>
    ValueTask<bool> RemoveFeedAsync(int id);

    /// <summary>The feed's filters by id, the order in which they are tried; null when there is no feed <paramref name="feedId"/>.</summary>
    ValueTask<IReadOnlyList<RssFilter>?> GetFiltersAsync(int feedId);

    /// <summary>Adds <paramref name="filter"/> under a new id (its own id is ignored).</summary>
    /// <exception cref="ArgumentException">The filter is not valid (<see cref="RssFilter.Problem"/>).</exception>
    ValueTask<RssFilterWrite> AddFilterAsync(RssFilter filter);

    /// <summary>Replaces the filter with <paramref name="filter"/>'s id (which may move it to another feed).</summary>
    /// <exception cref="ArgumentException">The filter is not valid (<see cref="RssFilter.Problem"/>).</exception>
    ValueTask<RssFilterWrite> UpdateFilterAsync(RssFilter filter);

    /// <summary>False when there is no filter <paramref name="id"/>.</summary>
    ValueTask<bool> RemoveFilterAsync(int id);

    /// <summary>
    /// Records a poll of feed <paramref name="feedId"/> made at <paramref name="url"/>; ignored when the feed is gone or
    /// its URL changed meanwhile (the validators belong to the old URL).
    /// </summary>
    ValueTask RecordPollAsync(int feedId, string url, RssPoll poll);
}

/// <summary>What the user chooses for a feed; <see cref="IntervalMinutes"/> 0 means <see cref="RssFeed.DefaultInterval"/>.</summary>
[GenerateSerializer, Immutable, Alias("Swarmgrid.RssFeedSpec")]
public sealed record RssFeedSpec(
    [property: Id(0)] string Url,
    [property: Id(1)] string Name,
    [property: Id(2)] int IntervalMinutes,
    [property: Id(3)] bool Enabled);

/// <summary>
/// A feed with what its polls found: when it was last polled, the validators for the next conditional GET, and the
/// error of the last poll (null when it went well). <see cref="FiltersRevision"/> moves with every change of the
/// feed's filters, so that the poller reads the whole feed again (not a 304) after one.
/// </summary>
[GenerateSerializer, Immutable, Alias("Swarmgrid.RssFeed")]
public sealed record RssFeed(
    [property: Id(0)] int Id,
    [property: Id(1)] string Url,
    [property: Id(2)] string Name,
    [property: Id(3)] int IntervalMinutes,
    [property: Id(4)] bool Enabled,
    [property: Id(5)] DateTimeOffset? LastPolled,
    [property: Id(6)] string ETag,
    [property: Id(7)] DateTimeOffset? LastModified,
    [property: Id(8)] string? Error,
    [property: Id(9)] int FiltersRevision)
{
    /// <summary>The interval of a feed that names none (<c>interval_min</c> 0).</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMinutes(15);

    /// <summary>The shortest interval (Orleans reminders tick at most once a minute) and the longest (a week), in minutes.</summary>
    public const int MinIntervalMinutes = 1;

    public const int MaxIntervalMinutes = 7 * 24 * 60;

    public TimeSpan Interval => IntervalMinutes == 0 ? DefaultInterval : TimeSpan.FromMinutes(IntervalMinutes);
}

/// <summary>A poll's outcome as the feed keeps it.</summary>
[GenerateSerializer, Immutable, Alias("Swarmgrid.RssPoll")]
public sealed record RssPoll(
    [property: Id(0)] DateTimeOffset PolledAt,
    [property: Id(1)] string ETag,
    [property: Id(2)] DateTimeOffset? LastModified,
    [property: Id(3)] string? Error);

/// <summary>
/// Gates which items of its feed are added: an item whose title <see cref="Pattern"/> matches (empty matches all) is
/// added under <see cref="CategoryId"/>, saved to <see cref="SavePath"/> (empty: the category's default folder, else the
/// silo's). Patterns are .NET regular expressions, case-sensitive unless they say <c>(?i)</c>.
/// </summary>
[GenerateSerializer, Immutable, Alias("Swarmgrid.RssFilter")]
public sealed record RssFilter(
    [property: Id(0)] int Id,
    [property: Id(1)] int FeedId,
    [property: Id(2)] string Pattern,
    [property: Id(3)] int? CategoryId,
    [property: Id(4)] string SavePath,
    [property: Id(5)] bool Enabled)
{
    public const int MaxPatternLength = 1024;

    /// <summary>How long one title match may run before it counts as no match.</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(250);

    /// <summary>Why the filter cannot be kept, in the client face's field names; null when it can.</summary>
    public string? Problem()
    {
        if (Pattern.Length > MaxPatternLength)
        {
            return $"regex may be at most {MaxPatternLength} characters";
        }
        try
        {
            _ = Compile();
            return null;
        }
        catch (ArgumentException ex)
        {
            return $"regex is not a valid regular expression: {ex.Message}";
        }
    }

    /// <summary>The pattern, ready to match titles; null for the empty pattern (matches all).</summary>
    /// <exception cref="ArgumentException">The pattern is not a valid regular expression.</exception>
    public Regex? Compile() => Pattern.Length == 0 ? null : new Regex(Pattern, RegexOptions.CultureInvariant, MatchTimeout);
}

public enum RssWrite
{
    Done,
    FeedNotFound,
    FilterNotFound,
    Full,
}

/// <summary>A filter write's outcome and, when done, the filter's id.</summary>
[GenerateSerializer, Immutable, Alias("Swarmgrid.RssFilterWrite")]
public sealed record RssFilterWrite([property: Id(0)] RssWrite Outcome, [property: Id(1)] int Id = 0);
