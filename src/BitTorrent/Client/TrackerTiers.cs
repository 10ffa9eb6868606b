using Swarmgrid.BitTorrent.Tracker;

namespace Swarmgrid.BitTorrent.Client;

/// <summary>
/// A torrent's trackers in BEP 12 tiers: each announce goes to the first tier with a tracker that answers, trying
/// the tier's trackers in order; one that answers moves to the front of its tier. Not thread-safe.
/// </summary>
public sealed class TrackerTiers
{
    private readonly List<List<Uri>> tiers;

    public TrackerTiers(IEnumerable<IEnumerable<string>> tiers)
    {
        this.tiers = tiers
            .Select(tier => tier.Select(url => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri : null).OfType<Uri>()
                .OrderBy(_ => Random.Shared.Next()).ToList())
            .Where(tier => tier.Count > 0)
            .ToList();
    }

    public bool IsEmpty => tiers.Count == 0;

    /// <summary>Trackers as currently ordered, tier by tier.</summary>
    public IReadOnlyList<IReadOnlyList<Uri>> Tiers => tiers;

    /// <summary>Announces until a tracker answers; the last failure when none does.</summary>
    public async Task<(Uri? Tracker, AnnounceResult Result)> AnnounceAsync(ITrackerClient client, AnnounceRequest request,
        CancellationToken cancellationToken)
    {
        var last = AnnounceResult.Failure("no trackers");
        foreach (var tier in tiers)
        {
            for (var i = 0; i < tier.Count; i++)
            {
                var tracker = tier[i];
                var result = await client.AnnounceAsync(tracker, request, cancellationToken);
                if (result.IsSuccess)
                {
                    tier.RemoveAt(i);
                    tier.Insert(0, tracker);
                    return (tracker, result);
                }
                last = result;
            }
        }
        return (null, last);
    }

    /// <summary>Sends <see cref="TrackerEvent.Stopped"/> to every tracker of every tier, without waiting on failures.</summary>
    public Task StopAllAsync(ITrackerClient client, AnnounceRequest request, CancellationToken cancellationToken) =>
        Task.WhenAll(tiers.SelectMany(t => t).Select(tracker => StopOneAsync(client, tracker, request, cancellationToken)));

    // A `stopped` announce is a courtesy: a tracker that is gone or slow must not make stopping a torrent fail.
    private static async Task StopOneAsync(ITrackerClient client, Uri tracker, AnnounceRequest request, CancellationToken cancellationToken)
    {
        try
        {
            await client.AnnounceAsync(tracker, request with { Event = TrackerEvent.Stopped }, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException
            or System.Net.Sockets.SocketException or TimeoutException or FormatException)
        {
        }
    }
}
