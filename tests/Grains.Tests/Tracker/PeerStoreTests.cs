using Swarmgrid.GrainInterfaces.Tracker;
using Swarmgrid.Grains.Tracker;

namespace Swarmgrid.Grains.Tests.Tracker;

public sealed class PeerStoreTests
{
    private static byte[] Id(int n) => Enumerable.Repeat((byte)n, 20).ToArray();

    private static SwarmAnnounce Announce(int n, long left = 100, AnnounceEvent announceEvent = AnnounceEvent.None,
        byte[]? address = null, long uploaded = 0, long downloaded = 0, int numWant = 50) =>
        new(Id(n), address ?? [10, 0, 0, (byte)n], (ushort)(6000 + n), uploaded, downloaded, left, announceEvent, numWant, false, null);

    private static List<int> SelectedPorts(SwarmPeers peers) =>
        peers.Peers4.Chunk(6).Select(p => p[4] << 8 | p[5]).Select(port => port - 6000).ToList();

    [Fact]
    public void Select_ForALeecher_ReturnsSeedersAndLeechers_ButNotItself()
    {
        var store = new PeerStore();
        store.Apply(Announce(1, left: 0), 0);
        store.Apply(Announce(2), 0);
        store.Apply(Announce(3), 0);

        var peers = store.Select(Id(3), requesterIsSeeder: false, 50, false, new Random(1));

        Assert.Equal([1, 2], SelectedPorts(peers).Order());
        Assert.Equal((1, 2), (peers.Complete, peers.Incomplete));
    }

    [Fact]
    public void Select_ForASeeder_ReturnsOnlyLeechers()
    {
        var store = new PeerStore();
        store.Apply(Announce(1, left: 0), 0);
        store.Apply(Announce(2, left: 0), 0);
        store.Apply(Announce(3), 0);

        var peers = store.Select(Id(1), requesterIsSeeder: true, 50, false, new Random(1));

        Assert.Equal([3], SelectedPorts(peers));
    }

    [Fact]
    public void Select_NumWant_CapsTheAnswer_AndEveryPeerIsReachedOverManyAnswers()
    {
        var store = new PeerStore();
        for (var n = 1; n <= 100; n++)
        {
            store.Apply(Announce(n), 0);
        }
        var seen = new HashSet<int>();
        var random = new Random(7);

        for (var i = 0; i < 200; i++)
        {
            var ports = SelectedPorts(store.Select(Id(1), false, 10, false, random));
            Assert.Equal(10, ports.Count);
            Assert.Equal(10, ports.Distinct().Count());
            Assert.DoesNotContain(1, ports);
            seen.UnionWith(ports);
        }

        Assert.Equal(99, seen.Count);
    }

    [Fact]
    public void Select_WritesCompactBytes_AndPeerIdsInTheSameOrder()
    {
        var store = new PeerStore();
        store.Apply(new SwarmAnnounce(Id(9), [1, 2, 3, 4], 6881, 0, 0, 10, AnnounceEvent.Started, 50, true, null), 0);
        store.Apply(new SwarmAnnounce(Id(8), [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], 51413, 0, 0, 10,
            AnnounceEvent.Started, 50, true, null), 0);

        var peers = store.Select(Id(7), false, 50, includePeerIds: true, new Random(1));

        Assert.Equal(new byte[] { 1, 2, 3, 4, 0x1a, 0xe1 }, peers.Peers4);
        Assert.Equal(new byte[] { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0xc8, 0xd5 }, peers.Peers6);
        Assert.Equal(Id(9), peers.PeerIds4);
        Assert.Equal(Id(8), peers.PeerIds6);
    }

    [Fact]
    public void Apply_LeftZero_MovesALeecherToTheSeeders_AndStoppedRemovesIt()
    {
        var store = new PeerStore();
        store.Apply(Announce(1), 0);
        store.Apply(Announce(1, left: 0, announceEvent: AnnounceEvent.Completed), 0);

        Assert.Equal((1, 0), (store.Seeders, store.Leechers));

        store.Apply(Announce(1, left: 0, announceEvent: AnnounceEvent.Stopped), 0);

        Assert.Equal(0, store.Count);
    }

    [Fact]
    public void Apply_ReturnsTheTrafficSinceThePreviousAnnounce()
    {
        var store = new PeerStore();
        store.Apply(Announce(1, uploaded: 100, downloaded: 50), 0);

        var delta = store.Apply(Announce(1, uploaded: 350, downloaded: 60), 0);
        var afterRestart = store.Apply(Announce(1, uploaded: 10, downloaded: 0), 0);

        Assert.Equal(new TrafficDelta(250, 10), delta);
        Assert.Equal(new TrafficDelta(10, 0), afterRestart);
    }

    [Fact]
    public void ExpireOlderThan_DropsOnlyPeersThatWentQuiet()
    {
        var store = new PeerStore();
        store.Apply(Announce(1), 100);
        store.Apply(Announce(2, left: 0), 100);
        store.Apply(Announce(3), 500);

        var removed = store.ExpireOlderThan(200);

        Assert.Equal(2, removed);
        Assert.True(store.Contains(Id(3)));
        Assert.Equal(1, store.Count);
    }

    [Fact]
    public void Restore_TakesPeersFromAReplica_ButKeepsWhatTheSwarmHeardSince()
    {
        var store = new PeerStore();
        store.Apply(Announce(1, left: 0), nowTicks: 500);
        var replica = new[]
        {
            new ReplicatedPeer(Id(1), [10, 0, 0, 99], 7001, false, 0, 0, LastSeenTicks: 400),
            new ReplicatedPeer(Id(2), [10, 0, 0, 2], 6002, true, 0, 0, LastSeenTicks: 450),
            new ReplicatedPeer(Id(3), [10, 0, 0, 3], 6003, false, 0, 0, LastSeenTicks: 450, Removed: true),
            new ReplicatedPeer([1, 2, 3], [10, 0, 0, 4], 6004, false, 0, 0, LastSeenTicks: 450),
        };

        Assert.Equal([false, true, false, false], replica.Select(store.Restore));

        Assert.Equal((2, 0), (store.Seeders, store.Leechers));
        var snapshot = store.Snapshot().OrderBy(peer => peer.Port).ToList();
        Assert.Equal([6001, 6002], snapshot.Select(peer => (int)peer.Port));
        Assert.Equal(500, snapshot[0].LastSeenTicks);
    }
}
