using System.Net;
using Swarmgrid.BitTorrent.Tracker;

namespace Swarmgrid.BitTorrent.Tests.Tracker;

public sealed class PeerEndpointTests
{
    [Fact]
    public void CompactIPv4_RoundTrips()
    {
        var peer = PeerEndpoint.From(IPAddress.Parse("10.1.2.3"), 6881);
        var compact = new byte[6];

        Assert.Equal(6, peer.WriteCompact(compact));
        Assert.Equal(new byte[] { 10, 1, 2, 3, 0x1a, 0xe1 }, compact);
        Assert.Equal(peer, PeerEndpoint.ReadCompactIPv4(compact));
        Assert.Equal("10.1.2.3:6881", peer.ToString());
        Assert.Equal(0x0a010203u, peer.IPv4Value);
    }

    [Fact]
    public void CompactIPv6_RoundTrips()
    {
        var peer = PeerEndpoint.From(IPAddress.Parse("2001:db8::1"), 51413);
        var compact = new byte[18];

        Assert.Equal(18, peer.WriteCompact(compact));
        Assert.Equal(Convert.FromHexString("20010db8000000000000000000000001c8d5"), compact);
        Assert.Equal(peer, PeerEndpoint.ReadCompactIPv6(compact));
        Assert.True(peer.IsIPv6);
        Assert.Equal("[2001:db8::1]:51413", peer.ToString());
    }

    [Fact]
    public void IPv4MappedIPv6_BecomesIPv4()
    {
        var mapped = PeerEndpoint.From(IPAddress.Parse("::ffff:192.0.2.7"), 80);

        Assert.False(mapped.IsIPv6);
        Assert.Equal(PeerEndpoint.From(IPAddress.Parse("192.0.2.7"), 80), mapped);
    }

    [Theory]
    [InlineData("1.2.3.4")]
    [InlineData("255.255.255.255")]
    [InlineData("0.0.0.0")]
    [InlineData("2001:db8::ff00:42:8329")]
    public void FormatAddress_WritesTheTextForm(string address)
    {
        var text = new byte[64];
        var written = PeerEndpoint.From(IPAddress.Parse(address), 1).FormatAddress(text);

        Assert.Equal(address, TrackerSamples.Latin1(text.AsSpan(0, written)));
    }
}
