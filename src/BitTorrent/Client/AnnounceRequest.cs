using Swarmgrid.BitTorrent.Tracker;

namespace Swarmgrid.BitTorrent.Client;

/// <summary>What a torrent tells its trackers.</summary>
public sealed record AnnounceRequest(TrackerHash InfoHash, TrackerHash PeerId, ushort Port, long Uploaded, long Downloaded, long Left,
    TrackerEvent Event, int NumWant = 50, uint Key = 0);
