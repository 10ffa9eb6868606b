using Swarmgrid.BitTorrent.Tracker;

namespace Swarmgrid.BitTorrent.Tests.Tracker;

public sealed class TrackerHashTests
{
    [Fact]
    public void FromBytes_RoundTripsBytesAndHex()
    {
        var bytes = Convert.FromHexString("00ff102030405060708090a0b0c0d0e0f0010203");
        var hash = TrackerHash.FromBytes(bytes);

        Assert.Equal(bytes, hash.ToArray());
        Assert.Equal("00ff102030405060708090a0b0c0d0e0f0010203", hash.ToString());
        Assert.True(TrackerHash.TryParseHex("00FF102030405060708090A0B0C0D0E0F0010203", out var parsed));
        Assert.Equal(hash, parsed);
        Assert.Equal(hash.GetHashCode(), parsed.GetHashCode());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(19)]
    [InlineData(21)]
    public void FromBytes_WrongLength_Fails(int length)
    {
        Assert.False(TrackerHash.TryFromBytes(new byte[length], out _));
        Assert.Throws<ArgumentException>(() => TrackerHash.FromBytes(new byte[length]));
    }

    [Theory]
    [InlineData("")]
    [InlineData("00ff102030405060708090a0b0c0d0e0f001020")]
    [InlineData("00ff102030405060708090a0b0c0d0e0f00102030")]
    [InlineData("zzff102030405060708090a0b0c0d0e0f0010203")]
    public void TryParseHex_Malformed_Fails(string hex) => Assert.False(TrackerHash.TryParseHex(hex, out _));

    [Fact]
    public void CompareTo_OrdersByRawBytes()
    {
        var low = new byte[20];
        var high = new byte[20];
        low[19] = 0xff;
        high[0] = 0x01;
        Assert.True(TrackerHash.FromBytes(low).CompareTo(TrackerHash.FromBytes(high)) < 0);
        Assert.True(TrackerSamples.Hash(0x80).CompareTo(TrackerSamples.Hash(0x7f)) > 0);
        Assert.Equal(0, TrackerSamples.Hash(5).CompareTo(TrackerSamples.Hash(5)));
        Assert.NotEqual(TrackerSamples.Hash(5), TrackerSamples.Hash(6));
    }
}
