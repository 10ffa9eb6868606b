using System.Net;
using Swarmgrid.BitTorrent.Client;

namespace Swarmgrid.BitTorrent.Tests.Client;

public sealed class IpFilterTests
{
    [Theory]
    [InlineData("10.0.0.0/8", "10.255.255.255", true)]
    [InlineData("10.0.0.0/8", "11.0.0.0", false)]
    [InlineData("10.0.0.0/8", "9.255.255.255", false)]
    [InlineData("1.2.3.4", "1.2.3.4", true)]
    [InlineData("1.2.3.4", "1.2.3.5", false)]
    [InlineData("0.0.0.0/0", "255.255.255.255", true)]
    [InlineData("2001:db8::/32", "2001:db8:ffff::1", true)]
    [InlineData("2001:db8::/32", "2001:db9::", false)]
    [InlineData("127.0.0.1", "::ffff:127.0.0.1", true)]
    [InlineData("::ffff:127.0.0.1", "127.0.0.1", true)]
    [InlineData("127.0.0.0/8", "::1", false)]
    public void IsBlocked_FollowsTheRanges_IPv4MappedAsIPv4(string range, string address, bool blocked)
    {
        var filter = new IpFilter();
        filter.Add(range);

        Assert.Equal(blocked, filter.IsBlocked(IPAddress.Parse(address)));
    }

    [Fact]
    public void Ranges_Overlapping_And_Adjacent_Are_Merged_And_Gaps_Kept()
    {
        var filter = new IpFilter();
        filter.AddRange(IPAddress.Parse("1.0.0.10"), IPAddress.Parse("1.0.0.20"));
        filter.AddRange(IPAddress.Parse("1.0.0.0"), IPAddress.Parse("1.0.0.12"));
        filter.AddRange(IPAddress.Parse("1.0.0.21"), IPAddress.Parse("1.0.0.30"));
        filter.AddRange(IPAddress.Parse("1.0.0.40"), IPAddress.Parse("1.0.0.50"));
        filter.AddRange(IPAddress.Parse("255.255.255.0"), IPAddress.Parse("255.255.255.255"));
        filter.AddRange(IPAddress.Parse("255.255.255.255"), IPAddress.Parse("255.255.255.255"));

        Assert.Equal(3, filter.Count);
        Assert.True(filter.IsBlocked(IPAddress.Parse("1.0.0.30")));
        Assert.False(filter.IsBlocked(IPAddress.Parse("1.0.0.31")));
        Assert.False(filter.IsBlocked(IPAddress.Parse("1.0.0.39")));
        Assert.True(filter.IsBlocked(IPAddress.Parse("1.0.0.40")));
        Assert.True(filter.IsBlocked(IPAddress.Parse("255.255.255.255")));
    }

    [Fact]
    public void Ranges_Added_After_A_Lookup_Count()
    {
        var filter = new IpFilter();
        filter.Add("1.1.1.1");
        Assert.False(filter.IsBlocked(IPAddress.Parse("2.2.2.2")));

        filter.Add("2.2.2.2");

        Assert.True(filter.IsBlocked(IPAddress.Parse("2.2.2.2")));
        Assert.True(filter.IsBlocked(IPAddress.Parse("1.1.1.1")));
    }

    [Fact]
    public void ToBytes_RoundTrips_Both_Families()
    {
        var filter = new IpFilter();
        filter.Add("10.0.0.0/8");
        filter.Add("192.168.1.1");
        filter.Add("2001:db8::/48");

        var bytes = filter.ToBytes();
        var back = IpFilter.FromBytes(bytes);

        Assert.Equal(4 + 2 * 8 + 32, bytes.Length);
        Assert.Equal(Convert.FromHexString("00000002" + "0A000000" + "0AFFFFFF" + "C0A80101" + "C0A80101"), bytes[..20]);
        Assert.Equal(3, back.Count);
        Assert.Equal(bytes, back.ToBytes());
        Assert.True(back.IsBlocked(IPAddress.Parse("2001:db8:0:ffff::1")));
        Assert.False(back.IsBlocked(IPAddress.Parse("2001:db8:1::")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("000000")]
    [InlineData("00000001")]
    [InlineData("0000000000")]
    public void FromBytes_WrongLength_Fails(string hex) =>
        Assert.Throws<FormatException>(() => IpFilter.FromBytes(Convert.FromHexString(hex)));

    [Fact]
    public void AddRange_Reversed_Or_Mixed_Families_Fails()
    {
        var filter = new IpFilter();
        Assert.Throws<ArgumentException>(() => filter.AddRange(IPAddress.Parse("1.0.0.2"), IPAddress.Parse("1.0.0.1")));
        Assert.Throws<ArgumentException>(() => filter.AddRange(IPAddress.Parse("1.0.0.1"), IPAddress.Parse("::2")));
    }

    [Fact]
    public void A_Million_Ranges_Stay_Compact_And_Are_Found()
    {
        var filter = new IpFilter();
        for (uint i = 0; i < 1_000_000; i++)
        {
            var first = i * 4;
            filter.AddRange(ToAddress(first), ToAddress(first + 1));
        }

        Assert.Equal(1_000_000, filter.Count);
        Assert.Equal(4 + 8_000_000, filter.ToBytes().Length);
        Assert.True(filter.IsBlocked(ToAddress(4 * 777_777 + 1)));
        Assert.False(filter.IsBlocked(ToAddress(4 * 777_777 + 2)));
    }

    private static IPAddress ToAddress(uint value) =>
        new([(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value]);
}
