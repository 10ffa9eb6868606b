using System.Net;
using Swarmgrid.BitTorrent.Dht;

namespace Swarmgrid.BitTorrent.Tests.Dht;

public sealed class NodeIdTests
{
    /// <summary>The test vectors of BEP 42: address and node id (the last byte carries r).</summary>
    [Theory]
    [InlineData("124.31.75.21", "5fbfbff10c5d6a4ec8a88e4c6ab4c28b95eee401")]
    [InlineData("21.75.31.124", "5a3ce9c14e7a08645677bbd1cfe7d8f956d53256")]
    [InlineData("65.23.51.170", "a5d43220bc8f112a3d426c84764f8c2a1150e616")]
    [InlineData("84.124.73.14", "1b0321dd1bb1fe518101ceef99462b947a01ff41")]
    [InlineData("43.213.53.83", "e56f6cbf5b7c4be0237986d5243b87aa6d51305a")]
    public void Bep_42_vectors_are_secure_for_their_address_and_not_for_another(string address, string id)
    {
        var nodeId = NodeId.FromBytes(Convert.FromHexString(id));
        Assert.True(nodeId.IsSecureFor(IPAddress.Parse(address)));
        Assert.False(nodeId.IsSecureFor(IPAddress.Parse("8.8.8.8")));
    }

    [Theory]
    [InlineData("203.0.113.7")]
    [InlineData("2001:db8:1234::5")]
    public void Ids_made_for_an_address_are_secure_for_it(string address)
    {
        for (var i = 0; i < 50; i++)
        {
            Assert.True(NodeId.ForAddress(IPAddress.Parse(address)).IsSecureFor(IPAddress.Parse(address)));
        }
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("10.1.2.3")]
    [InlineData("172.20.0.1")]
    [InlineData("192.168.1.1")]
    [InlineData("::1")]
    [InlineData("fd00::2")]
    public void Local_addresses_are_exempt(string address) => Assert.True(NodeId.Random().IsSecureFor(IPAddress.Parse(address)));

    [Fact]
    public void Distance_is_xor_and_prefixes_count_shared_leading_bits()
    {
        var zero = NodeId.FromBytes(new byte[20]);
        var high = NodeId.FromBytes([0x80, .. new byte[19]]);
        var low = NodeId.FromBytes([.. new byte[19], 0x01]);
        Assert.True(NodeId.CompareDistance(zero, low, high) < 0);
        Assert.Equal(0, zero.CommonPrefixLength(high));
        Assert.Equal(159, zero.CommonPrefixLength(low));
        Assert.Equal(160, low.CommonPrefixLength(low));
        Assert.Equal(high, zero.Xor(high));
        for (var bits = 0; bits <= 160; bits += 7)
        {
            Assert.True(high.RandomWithPrefix(bits).CommonPrefixLength(high) >= bits);
        }
    }
}
