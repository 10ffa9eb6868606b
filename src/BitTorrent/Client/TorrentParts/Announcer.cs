using Swarmgrid.BitTorrent.Tracker;

namespace Swarmgrid.BitTorrent.Client;

/// <summary>
/// Announces to the torrent's trackers (BEP 12 tiers): <c>started</c>, then at each interval, <c>completed</c> once when
/// the download finishes here, <c>stopped</c> when the torrent stops. Peers from the answers become candidates.
/// </summary>
internal sealed class Announcer(TorrentManager owner, IEnumerable<IEnumerable<string>> tiers)
{
    private readonly TrackerTiers trackers = new(tiers);
    private readonly List<Uri> all = [.. tiers.SelectMany(t => t).Select(url => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri : null).OfType<Uri>()];

    private ClientEngine Engine => owner.Engine;

    /// <summary>Announces until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var trackerEvent = TrackerEvent.Started;
        var announcedComplete = false;
        while (!cancellationToken.IsCancellationRequested && !trackers.IsEmpty)
        {
            var (_, result) = await trackers.AnnounceAsync(Engine.Trackers, BuildAnnounce(trackerEvent), cancellationToken);
            if (result.IsSuccess)
            {
                trackerEvent = TrackerEvent.None;
                lock (owner.Gate)
                {
                    foreach (var peer in result.Peers)
                    {
                        owner.Connections.AddCandidate(peer.ToIPEndPoint(), PeerSource.Tracker);
                    }
                }
            }
            var wait = result.IsSuccess ? result.Interval : TimeSpan.FromSeconds(15);
            if (result.MinInterval is { } min && wait < min)
            {
                wait = min;
            }
            var completion = announcedComplete ? Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken) : owner.Completion;
            var finished = await Task.WhenAny(Task.Delay(wait, Engine.Time, cancellationToken), completion);
            cancellationToken.ThrowIfCancellationRequested();
            if (finished == completion && !announcedComplete)
            {
                announcedComplete = true;
                // A torrent that started complete never sends completed: it did not complete here.
                trackerEvent = owner.DownloadMeter.Total > 0 ? TrackerEvent.Completed : TrackerEvent.None;
            }
        }
    }

    /// <summary>Scrapes the trackers in tier order; the first answer, or the last failure.</summary>
    public async Task<ScrapeResult> ScrapeAsync(CancellationToken cancellationToken)
    {
        var last = ScrapeResult.Failure("the torrent has no trackers");
        foreach (var tracker in all)
        {
            last = await Engine.Trackers.ScrapeAsync(tracker, owner.WireHash, cancellationToken);
            if (last.IsSuccess)
            {
                return last;
            }
        }
        return last;
    }

    /// <summary>Tells every tracker the torrent stopped, waiting at most five seconds.</summary>
    public async Task StopAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await trackers.StopAllAsync(Engine.Trackers, BuildAnnounce(TrackerEvent.Stopped), timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // A tracker too slow to hear that we stopped forgets us at its next interval anyway.
        }
    }

    private AnnounceRequest BuildAnnounce(TrackerEvent trackerEvent)
    {
        lock (owner.Gate)
        {
            return new AnnounceRequest(owner.WireHash, Engine.PeerId, (ushort)Engine.ListenPort, owner.UploadMeter.Total, owner.DownloadMeter.Total,
                owner.GetLeft(), trackerEvent, Key: Engine.Key);
        }
    }
}
