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
    private readonly Dictionary<Uri, TrackerInfo> seen = [];
    private DateTimeOffset? nextAnnounce;

    private ClientEngine Engine => owner.Engine;

    /// <summary>Every tracker with what its last announce (and scrape) said. Under the owner's lock.</summary>
    public IReadOnlyList<TrackerInfo> Describe()
    {
        var described = new List<TrackerInfo>();
        var tier = 0;
        foreach (var group in trackers.Tiers)
        {
            foreach (var url in group)
            {
                var info = seen.TryGetValue(url, out var known) ? known : new TrackerInfo(url, tier, TrackerInfo.NotContacted, null, null, null, null, null, null);
                described.Add(info with { Tier = tier, NextAnnounce = owner.IsRunning ? nextAnnounce : null });
            }
            tier++;
        }
        return described;
    }

    /// <summary>Announces until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var trackerEvent = TrackerEvent.Started;
        var announcedComplete = false;
        while (!cancellationToken.IsCancellationRequested && !trackers.IsEmpty)
        {
            var (_, result) = await trackers.AnnounceAsync(new Recording(this, owner), BuildAnnounce(trackerEvent), cancellationToken);
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
            lock (owner.Gate)
            {
                nextAnnounce = Engine.Time.GetUtcNow() + wait;
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
                lock (owner.Gate)
                {
                    seen[tracker] = Known(tracker) with { Completed = last.Completed };
                }
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

    private TrackerInfo Known(Uri tracker) =>
        seen.TryGetValue(tracker, out var known) ? known : new TrackerInfo(tracker, 0, TrackerInfo.NotContacted, null, null, null, null, null, null);

    /// <summary>The engine's tracker client, noting each tracker's answers for <see cref="Describe"/>.</summary>
    private sealed class Recording(Announcer announcer, TorrentManager owner) : ITrackerClient
    {
        public async Task<AnnounceResult> AnnounceAsync(Uri tracker, AnnounceRequest request, CancellationToken cancellationToken)
        {
            TrackerInfo before;
            lock (owner.Gate)
            {
                before = announcer.Known(tracker);
                announcer.seen[tracker] = before with { Status = TrackerInfo.Updating };
            }
            AnnounceResult result;
            try
            {
                result = await announcer.Engine.Trackers.AnnounceAsync(tracker, request, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                lock (owner.Gate)
                {
                    announcer.seen[tracker] = before;
                }
                throw;
            }
            lock (owner.Gate)
            {
                var known = announcer.Known(tracker);
                announcer.seen[tracker] = result.IsSuccess
                    ? known with
                    {
                        Status = TrackerInfo.Working,
                        Message = null,
                        Seeders = result.Seeders ?? known.Seeders,
                        Leechers = result.Leechers ?? known.Leechers,
                        LastAnnounce = announcer.Engine.Time.GetUtcNow(),
                    }
                    : known with { Status = TrackerInfo.Failing, Message = result.FailureReason, LastAnnounce = announcer.Engine.Time.GetUtcNow() };
            }
            return result;
        }

        public Task<ScrapeResult> ScrapeAsync(Uri tracker, TrackerHash infoHash, CancellationToken cancellationToken) =>
            announcer.Engine.Trackers.ScrapeAsync(tracker, infoHash, cancellationToken);
    }
}
