using System.Net;
using Microsoft.Extensions.Options;
using Swarmgrid.BitTorrent.Tracker;
using Swarmgrid.GrainInterfaces.Tracker;
using Swarmgrid.Grains.Tracker;

namespace Swarmgrid.Silo.Tracker;

/// <summary>What both tracker frontends do once a request is parsed and allowed: hand it to the swarm grain.</summary>
public sealed class AnnounceHandler(IGrainFactory grains, IOptions<TrackerOptions> options, SiloTrackerActivity activity)
{
    public TrackerOptions Options => options.Value;

    public int IntervalSeconds => (int)options.Value.Interval.TotalSeconds;

    public int MinIntervalSeconds => (int)options.Value.MinInterval.TotalSeconds;

    public ValueTask<SwarmPeers> AnnounceAsync(
        in TrackerHash infoHash, in TrackerHash peerId, IPAddress client, ushort port, long uploaded, long downloaded,
        long left, TrackerEvent trackerEvent, int numWant, bool includePeerIds, string? userId)
    {
        activity.CountAnnounce();
        var announce = new SwarmAnnounce(peerId.ToArray(), client.GetAddressBytes(), port, uploaded, downloaded, left,
            (AnnounceEvent)trackerEvent, numWant, includePeerIds, userId);
        return grains.GetGrain<ISwarmGrain>(Key(infoHash)).AnnounceAsync(announce);
    }

    public ValueTask<SwarmCounts> ScrapeAsync(in TrackerHash infoHash)
    {
        activity.CountScrape();
        return grains.GetGrain<ISwarmGrain>(Key(infoHash)).ScrapeAsync();
    }

    private static string Key(in TrackerHash infoHash)
    {
        Span<byte> bytes = stackalloc byte[TrackerHash.Size];
        infoHash.CopyTo(bytes);
        return SwarmKeys.FromBytes(bytes);
    }
}
