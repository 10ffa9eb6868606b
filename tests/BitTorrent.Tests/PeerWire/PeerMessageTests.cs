using CsCheck;
using Swarmgrid.BitTorrent.PeerWire;

namespace Swarmgrid.BitTorrent.Tests.PeerWire;

public sealed class PeerMessageTests
{
    public static TheoryData<string, string> Samples => new()
    {
        { "keepalive", "00000000" },
        { "choke", "0000000100" },
        { "unchoke", "0000000101" },
        { "interested", "0000000102" },
        { "notinterested", "0000000103" },
        { "have", "0000000504" + "00000102" },
        { "bitfield", "0000000305" + "f0a0" },
        { "request", "0000000d06" + "00000001" + "00004000" + "00004000" },
        { "piece", "0000000c07" + "00000002" + "00000010" + "616263" },
        { "cancel", "0000000d08" + "00000001" + "00004000" + "00004000" },
        { "port", "0000000309" + "1ae1" },
        { "suggest", "000000050d" + "00000007" },
        { "haveall", "000000010e" },
        { "havenone", "000000010f" },
        { "reject", "0000000d10" + "00000001" + "00000000" + "00004000" },
        { "allowedfast", "0000000511" + "00000003" },
        { "extended", "0000000414" + "03" + "6465" },
    };

    private static PeerMessage Build(string name) => name switch
    {
        "keepalive" => PeerMessage.KeepAlive,
        "choke" => PeerMessage.Choke,
        "unchoke" => PeerMessage.Unchoke,
        "interested" => PeerMessage.Interested,
        "notinterested" => PeerMessage.NotInterested,
        "have" => PeerMessage.Have(258),
        "bitfield" => PeerMessage.Bitfield(new byte[] { 0xf0, 0xa0 }),
        "request" => PeerMessage.Request(1, 16384, 16384),
        "piece" => PeerMessage.Piece(2, 16, "abc"u8.ToArray()),
        "cancel" => PeerMessage.Cancel(1, 16384, 16384),
        "port" => PeerMessage.DhtPort(6881),
        "suggest" => PeerMessage.Suggest(7),
        "haveall" => PeerMessage.HaveAll,
        "havenone" => PeerMessage.HaveNone,
        "reject" => PeerMessage.Reject(1, 0, 16384),
        "allowedfast" => PeerMessage.AllowedFast(3),
        "extended" => PeerMessage.Extended(3, "de"u8.ToArray()),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Encodes_exact_bytes_and_decodes_them_back(string name, string hex)
    {
        var message = Build(name);
        var bytes = new byte[message.EncodedLength];
        Assert.Equal(bytes.Length, message.Encode(bytes));
        Assert.Equal(hex, Convert.ToHexStringLower(bytes));

        Assert.True(PeerMessage.TryDecode(bytes.AsMemory(4), out var decoded));
        Assert.Equal(message.Id, decoded.Id);
        Assert.Equal(message.PieceIndex, decoded.PieceIndex);
        Assert.Equal(message.Begin, decoded.Begin);
        Assert.Equal(message.BlockLength, decoded.BlockLength);
        Assert.Equal(message.Payload.ToArray(), decoded.Payload.ToArray());
    }

    [Theory]
    [InlineData("0001")]
    [InlineData("04000001")]
    [InlineData("0400000001ff")]
    [InlineData("06000000010000000000")]
    [InlineData("06ffffffff0000000000004000")]
    [InlineData("0700000001")]
    [InlineData("09ff")]
    [InlineData("14")]
    public void Refuses_messages_of_the_wrong_shape(string hex) =>
        Assert.False(PeerMessage.TryDecode(Convert.FromHexString(hex), out _));

    [Fact]
    public void Passes_unknown_ids_through_with_their_payload()
    {
        Assert.True(PeerMessage.TryDecode(Convert.FromHexString("630102"), out var message));
        Assert.Equal((PeerMessageId)0x63, message.Id);
        Assert.Equal(new byte[] { 1, 2 }, message.Payload.ToArray());
    }

    [Fact]
    public void Decoding_random_bodies_never_throws() =>
        Gen.Byte.Array[0, 40].Sample(bytes =>
        {
            if (PeerMessage.TryDecode(bytes, out var message))
            {
                var encoded = new byte[message.EncodedLength];
                message.Encode(encoded);
                Assert.Equal(bytes, encoded.AsSpan(4).ToArray());
            }
        }, iter: 50_000);
}
