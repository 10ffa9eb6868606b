using Swarmgrid.BitTorrent.Tracker;

namespace Swarmgrid.BitTorrent.Client;

/// <summary>A tracker's answer: peers and when to come back, or why it refused.</summary>
public sealed record AnnounceResult(IReadOnlyList<PeerEndpoint> Peers, TimeSpan Interval, TimeSpan? MinInterval, long? Seeders, long? Leechers,
    string? FailureReason = null)
{
    public bool IsSuccess => FailureReason is null;

    public static AnnounceResult Failure(string reason) => new([], TimeSpan.FromMinutes(1), null, null, null, reason);
}
