using Swarmgrid.BitTorrent.Tracker;

namespace Swarmgrid.BitTorrent.Client;

/// <summary>Announces to one tracker URL and scrapes it. Implementations never throw for tracker or network failures.</summary>
public interface ITrackerClient
{
    /// <summary>Announces; a failure is a result with <see cref="AnnounceResult.FailureReason"/>.</summary>
    Task<AnnounceResult> AnnounceAsync(Uri tracker, AnnounceRequest request, CancellationToken cancellationToken);

    /// <summary>Scrapes one torrent; a failure is a result with <see cref="ScrapeResult.FailureReason"/>.</summary>
    Task<ScrapeResult> ScrapeAsync(Uri tracker, TrackerHash infoHash, CancellationToken cancellationToken) =>
        Task.FromResult(ScrapeResult.Failure("this tracker client does not scrape", tracker));
}
