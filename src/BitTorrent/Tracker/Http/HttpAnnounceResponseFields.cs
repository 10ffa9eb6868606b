namespace Swarmgrid.BitTorrent.Tracker.Http;

/// <summary>The non-peer fields of an HTTP announce response, as the tracker writes them.</summary>
/// <param name="Interval">Seconds the client should wait before announcing again (<c>interval</c>).</param>
/// <param name="Complete">Seeders in the swarm (<c>complete</c>).</param>
/// <param name="Incomplete">Leechers in the swarm (<c>incomplete</c>).</param>
/// <param name="MinInterval">Seconds the client must wait at least (<c>min interval</c>); omitted when null.</param>
/// <param name="TrackerId">An id the client sends back as <c>trackerid</c> (<c>tracker id</c>, ASCII); omitted when null.</param>
/// <param name="WarningMessage">A message shown to the user (<c>warning message</c>); omitted when null.</param>
public readonly record struct HttpAnnounceResponseFields(
    int Interval,
    long Complete,
    long Incomplete,
    int? MinInterval = null,
    string? TrackerId = null,
    string? WarningMessage = null);
