using Swarmgrid.BitTorrent.Client;
using Swarmgrid.BitTorrent.Tracker;

namespace Swarmgrid.BitTorrent.Tests.Client;

/// <summary>BEP 12: tiers tried in order, trackers of a tier until one answers, the one that answered moved to the front.</summary>
public sealed class TrackerTiersTests
{
    [Fact]
    public async Task A_failing_tier_falls_through_to_the_next_and_an_answering_tracker_moves_to_the_front_of_its_tier()
    {
        var client = new ScriptedTrackers("http://b2.example/announce");
        var tiers = new TrackerTiers([["http://a.example/announce"], ["http://b1.example/announce", "http://b2.example/announce"]]);
        var request = new AnnounceRequest(TrackerHash.FromBytes(new byte[20]), TrackerHash.FromBytes(new byte[20]), 6881, 0, 0, 1, TrackerEvent.Started);

        var (tracker, result) = await tiers.AnnounceAsync(client, request, CancellationToken.None);

        Assert.True(result.IsSuccess);
        Assert.Equal("http://b2.example/announce", tracker!.OriginalString);
        Assert.Equal("http://a.example/announce", client.Asked[0]);
        Assert.Equal("http://b2.example/announce", tiers.Tiers[1][0].OriginalString);

        client.Asked.Clear();
        await tiers.AnnounceAsync(client, request, CancellationToken.None);
        Assert.Equal(["http://a.example/announce", "http://b2.example/announce"], client.Asked);
    }

    [Fact]
    public async Task When_no_tracker_answers_the_last_failure_is_returned()
    {
        var tiers = new TrackerTiers([["http://a.example/announce"], ["udp://b.example:1/announce"]]);
        var (tracker, result) = await tiers.AnnounceAsync(new ScriptedTrackers(), new AnnounceRequest(TrackerHash.FromBytes(new byte[20]),
            TrackerHash.FromBytes(new byte[20]), 1, 0, 0, 1, TrackerEvent.None), CancellationToken.None);
        Assert.Null(tracker);
        Assert.Equal("udp://b.example:1/announce refused", result.FailureReason);
    }

    private sealed class ScriptedTrackers(params string[] answering) : ITrackerClient
    {
        public List<string> Asked { get; } = [];

        public Task<AnnounceResult> AnnounceAsync(Uri tracker, AnnounceRequest request, CancellationToken cancellationToken)
        {
            Asked.Add(tracker.OriginalString);
            return Task.FromResult(answering.Contains(tracker.OriginalString)
                ? new AnnounceResult([], TimeSpan.FromMinutes(30), null, 1, 0)
                : AnnounceResult.Failure($"{tracker.OriginalString} refused"));
        }
    }
}
