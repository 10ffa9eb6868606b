using Orleans.Concurrency;

namespace Swarmgrid.GrainInterfaces.Client;

/// <summary>
/// Polls one RSS feed (keyed by the feed's id in <see cref="IClientFeedsGrain"/>) on an Orleans reminder, so exactly one
/// activation in the cluster polls it and polling resumes after restarts and silo deaths. Items its filters accept are
/// added as torrents once: the keys of added items are kept with the poller's state.
/// </summary>
public interface IClientFeedPollerGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Follows the feed's settings (sent by the feeds grain after every change, never awaited): schedules polling of an
    /// enabled feed, polls at once when its URL or filters changed, and stops and forgets a disabled or removed one.
    /// </summary>
    [OneWay]
    Task WakeAsync();

    /// <summary>Polls now (the operator's refresh), enabled or not, and says what came of it.</summary>
    ValueTask<RssPollResult> PollNowAsync();
}

/// <summary>
/// One poll: <see cref="NotModified"/> when the feed answered 304, how many items the document held, the info-hashes of
/// the torrents added, and the error (the feed could not be fetched or read, or an item could not be added).
/// </summary>
[GenerateSerializer, Immutable, Alias("Swarmgrid.RssPollResult")]
public sealed record RssPollResult(
    [property: Id(0)] bool Found,
    [property: Id(1)] bool NotModified,
    [property: Id(2)] int Items,
    [property: Id(3)] IReadOnlyList<string> Added,
    [property: Id(4)] string? Error);
