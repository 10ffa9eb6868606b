using System.Net;
using System.Reflection;
using Swarmgrid.BitTorrent.Tracker;
using Swarmgrid.BitTorrent.Tracker.Udp;

namespace Swarmgrid.BitTorrent.Tests.Tracker.Udp;

public sealed class UdpConnectionIdsTests
{
    private delegate ulong SipHash(ulong k0, ulong k1, ReadOnlySpan<byte> data);

    private static readonly DateTimeOffset WindowStart = DateTimeOffset.FromUnixTimeSeconds(1_700_000_040);

    private static readonly PeerEndpoint Client = PeerEndpoint.From(IPAddress.Parse("198.51.100.7"), 6881);

    private static readonly byte[] Secret = Enumerable.Range(0, 16).Select(i => (byte)i).ToArray();

    [Theory]
    [InlineData(0, 0x726fdb47dd0e0e31UL)]
    [InlineData(15, 0xa129ca6149be45e5UL)]
    public void SipHash_MatchesTheReferenceVectors(int length, ulong expected)
    {
        var hash = typeof(UdpConnectionIds).Assembly.GetType("Swarmgrid.BitTorrent.Tracker.Udp.SipHash24")!
            .GetMethod("Hash", BindingFlags.Public | BindingFlags.Static)!.CreateDelegate<SipHash>();
        var message = Enumerable.Range(0, length).Select(i => (byte)i).ToArray();

        Assert.Equal(expected, hash(0x0706050403020100UL, 0x0f0e0d0c0b0a0908UL, message));
    }

    [Fact]
    public void Issue_IsValidForTheSameClient()
    {
        var ids = new UdpConnectionIds(new ManualTimeProvider(WindowStart));
        var id = ids.Issue(Client);

        Assert.True(ids.IsValid(id, Client));
        Assert.False(ids.IsValid(id, Client.WithPort(6882)));
        Assert.False(ids.IsValid(id, PeerEndpoint.From(IPAddress.Parse("198.51.100.8"), 6881)));
        Assert.False(ids.IsValid(id ^ 1, Client));
        Assert.False(ids.IsValid(UdpConnectRequest.ProtocolId, Client));
    }

    [Fact]
    public void Issue_DependsOnTheSecret()
    {
        var clock = new ManualTimeProvider(WindowStart);
        var first = new UdpConnectionIds(clock);
        var second = new UdpConnectionIds(clock);
        var sharedA = new UdpConnectionIds(clock, Secret);
        var sharedB = new UdpConnectionIds(clock, Secret);

        Assert.False(second.IsValid(first.Issue(Client), Client));
        Assert.Equal(sharedA.Issue(Client), sharedB.Issue(Client));
        Assert.Throws<ArgumentException>(() => new UdpConnectionIds(clock, new byte[15]));
    }

    [Fact]
    public void Issue_SeparatesIPv4FromIPv6()
    {
        var ids = new UdpConnectionIds(new ManualTimeProvider(WindowStart), Secret);
        var v6 = PeerEndpoint.FromIPv6(new byte[16], 6881);
        var v4 = PeerEndpoint.FromIPv4(0u, 6881);

        Assert.NotEqual(ids.Issue(v4), ids.Issue(v6));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(59)]
    public void Issue_LivesUntilTheEndOfTheNextWindow(int secondsIntoWindow)
    {
        const int lastValidSecond = 119;
        const int firstInvalidSecond = 120;
        var clock = new ManualTimeProvider(WindowStart.AddSeconds(secondsIntoWindow));
        var ids = new UdpConnectionIds(clock, Secret);
        var id = ids.Issue(Client);

        clock.Now = WindowStart.AddSeconds(lastValidSecond);
        Assert.True(ids.IsValid(id, Client));
        clock.Now = WindowStart.AddSeconds(firstInvalidSecond);
        Assert.False(ids.IsValid(id, Client));
        clock.Now = WindowStart.AddSeconds(secondsIntoWindow - 1);
        Assert.False(ids.IsValid(id, Client) && secondsIntoWindow == 0);
    }

    [Fact]
    public void IsValid_AlwaysAtLeastOneMinute()
    {
        var clock = new ManualTimeProvider(WindowStart);
        var ids = new UdpConnectionIds(clock, Secret);
        for (var offset = 0; offset < 180; offset += 7)
        {
            clock.Now = WindowStart.AddSeconds(offset).AddMilliseconds(999);
            var id = ids.Issue(Client);
            clock.Advance(TimeSpan.FromSeconds(60));
            Assert.True(ids.IsValid(id, Client));
            clock.Advance(TimeSpan.FromSeconds(60));
            Assert.False(ids.IsValid(id, Client));
        }
    }

    [Fact]
    public void IsValid_IdFromTheFuture_IsRefused()
    {
        var clock = new ManualTimeProvider(WindowStart.AddSeconds(120));
        var ids = new UdpConnectionIds(clock, Secret);
        var id = ids.Issue(Client);

        clock.Now = WindowStart;
        Assert.False(ids.IsValid(id, Client));
    }

    [Fact]
    public void IsValid_DoesNotAllocate()
    {
        var ids = new UdpConnectionIds(new ManualTimeProvider(WindowStart), Secret);
        var id = ids.Issue(Client);
        ids.IsValid(id, Client);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var valid = 0;
        for (var i = 0; i < 1000; i++)
        {
            valid += ids.IsValid(id + (i & 1), Client) ? 1 : 0;
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(500, valid);
    }
}
