using System.Net;
using Microsoft.Extensions.Options;
using Swarmgrid.BitTorrent.Tracker;
using Swarmgrid.GrainInterfaces.Tracker;
using Swarmgrid.Grains.Tracker;
using Swarmgrid.Hosting;

namespace Swarmgrid.Silo.Tracker;

/// <summary>
/// What both tracker frontends do once a request is parsed and allowed: hand it to the swarm grain. When the cluster
/// cannot answer (the swarm's silo gone past the retries, a timeout), the client gets a failure reason to retry with,
/// never an error page.
/// </summary>
public sealed class AnnounceHandler(IGrainFactory grains, IOptions<TrackerOptions> options, SiloTrackerActivity activity)
{
    public const string Unavailable = "tracker briefly unavailable, retry shortly";

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
        var answer = grains.GetGrain<ISwarmGrain>(Key(infoHash)).AnnounceAsync(announce);
        return answer.IsCompletedSuccessfully ? answer : RefusedWhenUnavailableAsync(answer);
    }

    /// <summary>Seeders, leechers and completions; throws what the cluster threw (see <see cref="ClusterFaults.IsTransient"/>).</summary>
    public ValueTask<SwarmCounts> ScrapeAsync(in TrackerHash infoHash)
    {
        activity.CountScrape();
        return grains.GetGrain<ISwarmGrain>(Key(infoHash)).ScrapeAsync();
    }

    private static async ValueTask<SwarmPeers> RefusedWhenUnavailableAsync(ValueTask<SwarmPeers> answer)
    {
        try
        {
            return await answer;
        }
        catch (Exception ex) when (ClusterFaults.IsTransient(ex))
        {
            return SwarmPeers.Refused(Unavailable);
        }
    }

    private static string Key(in TrackerHash infoHash)
    {
        Span<byte> bytes = stackalloc byte[TrackerHash.Size];
        infoHash.CopyTo(bytes);
        return SwarmKeys.FromBytes(bytes);
    }
}
