using System.Net;
using System.Text;
using CsCheck;
using Swarmgrid.BitTorrent.PeerWire;
using Swarmgrid.BitTorrent.Tracker;

namespace Swarmgrid.BitTorrent.Tests.PeerWire;

public sealed class ExtensionMessageTests
{
    [Fact]
    public void Extension_handshake_has_canonical_bytes()
    {
        var handshake = new ExtensionHandshake
        {
            Extensions = new Dictionary<string, byte> { ["ut_pex"] = 2, ["ut_metadata"] = 1 },
            MetadataSize = 31235,
            ListenPort = 6881,
            ClientName = "Swarmgrid 1.0",
            RequestQueueLength = 500,
        };
        var bytes = handshake.Encode();
        Assert.Equal("d1:md11:ut_metadatai1e6:ut_pexi2ee13:metadata_sizei31235e1:pi6881e4:reqqi500e1:v13:Swarmgrid 1.0e", Encoding.ASCII.GetString(bytes));
        Assert.True(ExtensionHandshake.TryDecode(bytes, out var decoded));
        Assert.Equal(1, decoded.Extensions["ut_metadata"]);
        Assert.Equal(31235, decoded.MetadataSize);
        Assert.Equal((ushort)6881, decoded.ListenPort);
    }

    [Fact]
    public void Metadata_data_message_is_a_dictionary_followed_by_the_data()
    {
        var message = new MetadataMessage(MetadataMessageType.Data, 1, 20000, "xyz"u8.ToArray());
        var bytes = message.Encode();
        Assert.Equal("d8:msg_typei1e5:piecei1e10:total_sizei20000eexyz", Encoding.ASCII.GetString(bytes));
        Assert.True(MetadataMessage.TryDecode(bytes, out var decoded));
        Assert.Equal((MetadataMessageType.Data, 1, 20000L), (decoded!.Type, decoded.Piece, decoded.TotalSize));
        Assert.Equal("xyz"u8.ToArray(), decoded.Data.ToArray());
        Assert.Equal("d8:msg_typei0e5:piecei2ee", Encoding.ASCII.GetString(new MetadataMessage(MetadataMessageType.Request, 2).Encode()));
    }

    [Fact]
    public void Pex_message_carries_compact_ipv4_and_ipv6_peers()
    {
        var v4 = PeerEndpoint.From(IPAddress.Parse("10.0.0.1"), 6881);
        var v6 = PeerEndpoint.From(IPAddress.Parse("2001:db8::1"), 80);
        var bytes = new PexMessage([v4, v6], [v4.WithPort(1)]).Encode();
        var expected = "d5:added6:"u8.ToArray().Concat(Convert.FromHexString("0a0000011ae1")).Concat("7:added.f1:\0"u8.ToArray())
            .Concat("6:added618:"u8.ToArray()).Concat(Convert.FromHexString("20010db8000000000000000000000001" + "0050"))
            .Concat("8:added6.f1:\07:dropped6:"u8.ToArray()).Concat(Convert.FromHexString("0a0000010001")).Concat("8:dropped60:e"u8.ToArray());
        Assert.Equal(Convert.ToHexString(expected.ToArray()), Convert.ToHexString(bytes));
        Assert.True(PexMessage.TryDecode(bytes, out var decoded));
        Assert.Equal([v4, v6], decoded!.Added);
        Assert.Equal([v4.WithPort(1)], decoded.Dropped);
    }

    [Fact]
    public void Pex_flags_travel_per_family_in_added_order()
    {
        var seed = PeerEndpoint.From(IPAddress.Parse("10.0.0.2"), 1);
        var v6 = PeerEndpoint.From(IPAddress.Parse("::1"), 2);
        var plain = PeerEndpoint.From(IPAddress.Parse("10.0.0.3"), 3);
        var bytes = new PexMessage([seed, v6, plain], [], [PexFlags.Seed | PexFlags.Reachable, PexFlags.PrefersEncryption, PexFlags.None]).Encode();
        var expected = "d5:added12:"u8.ToArray().Concat(Convert.FromHexString("0a0000020001" + "0a0000030003")).Concat("7:added.f2:"u8.ToArray())
            .Concat(Convert.FromHexString("1200")).Concat("6:added618:"u8.ToArray()).Concat(Convert.FromHexString("00000000000000000000000000000001" + "0002"))
            .Concat("8:added6.f1:"u8.ToArray()).Concat(Convert.FromHexString("01")).Concat("7:dropped0:8:dropped60:e"u8.ToArray());
        Assert.Equal(Convert.ToHexString(expected.ToArray()), Convert.ToHexString(bytes));
        Assert.True(PexMessage.TryDecode(bytes, out var decoded));
        Assert.Equal([seed, plain, v6], decoded!.Added);
        Assert.Equal([PexFlags.Seed | PexFlags.Reachable, PexFlags.None, PexFlags.PrefersEncryption], decoded.AddedFlags);
    }

    [Fact]
    public void Pex_flags_missing_or_short_read_as_none()
    {
        var bytes = "d5:added12:"u8.ToArray().Concat(Convert.FromHexString("0a0000020001" + "0a0000030003")).Concat("7:added.f1:\u0002e"u8.ToArray()).ToArray();
        Assert.True(PexMessage.TryDecode(bytes, out var decoded));
        Assert.Equal([PexFlags.Seed, PexFlags.None], decoded!.AddedFlags);
    }

    [Fact]
    public void Random_payloads_never_throw() =>
        Gen.Byte.Array[0, 60].Sample(bytes =>
        {
            ExtensionHandshake.TryDecode(bytes, out _);
            MetadataMessage.TryDecode(bytes, out _);
            PexMessage.TryDecode(bytes, out _);
        }, iter: 20_000);
}
