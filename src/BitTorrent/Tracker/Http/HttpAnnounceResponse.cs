namespace Swarmgrid.BitTorrent.Tracker.Http;

/// <summary>An HTTP announce response as a client reads it (see <see cref="HttpAnnounceResponseParser"/>).</summary>
public sealed class HttpAnnounceResponse
{
    /// <summary>The tracker refused the announce with this reason; the other fields are then usually absent.</summary>
    public string? FailureReason { get; init; }

    /// <summary>A message for the user; the announce still succeeded.</summary>
    public string? WarningMessage { get; init; }

    /// <summary>Seconds until the next regular announce.</summary>
    public long? Interval { get; init; }

    /// <summary>Seconds the client must wait at least before announcing again.</summary>
    public long? MinInterval { get; init; }

    /// <summary>An id to send back as <c>trackerid</c> in later announces.</summary>
    public string? TrackerId { get; init; }

    /// <summary>Seeders.</summary>
    public long? Complete { get; init; }

    /// <summary>Leechers.</summary>
    public long? Incomplete { get; init; }

    /// <summary>The peers from <c>peers</c> (compact or dictionary model) and <c>peers6</c>, in that order.</summary>
    public IReadOnlyList<TrackerPeer> Peers { get; init; } = [];
}
