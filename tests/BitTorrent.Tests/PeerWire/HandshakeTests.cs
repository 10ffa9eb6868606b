using Swarmgrid.BitTorrent.PeerWire;
using Swarmgrid.BitTorrent.Tracker;

namespace Swarmgrid.BitTorrent.Tests.PeerWire;

public sealed class HandshakeTests
{
    private static readonly TrackerHash InfoHash = TrackerHash.FromBytes(Enumerable.Range(1, 20).Select(i => (byte)i).ToArray());
    private static readonly TrackerHash PeerId = TrackerHash.FromBytes("-SG0100-abcdefghijkl"u8);

    [Fact]
    public void Encodes_the_protocol_string_reserved_bytes_hash_and_peer_id()
    {
        var handshake = new Handshake(Handshake.ExtensionProtocolBit | Handshake.FastExtensionBit | Handshake.V2UpgradeBit, InfoHash, PeerId);
        var bytes = new byte[Handshake.Size];
        Assert.Equal(68, handshake.Encode(bytes));
        Assert.Equal("13426974546f7272656e742070726f746f636f6c" + "0000000000100014"
            + "0102030405060708090a0b0c0d0e0f1011121314" + Convert.ToHexStringLower("-SG0100-abcdefghijkl"u8), Convert.ToHexStringLower(bytes));
    }

    [Theory]
    [InlineData("0000000000100000", true, false, false)]
    [InlineData("0000000000000004", false, true, false)]
    [InlineData("0000000000000010", false, false, true)]
    [InlineData("ffffffffffefffeb", false, false, false)]
    public void Reads_each_reserved_bit_from_its_byte(string reserved, bool extension, bool fast, bool v2)
    {
        var bytes = Convert.FromHexString("13426974546f7272656e742070726f746f636f6c" + reserved + new string('a', 80));
        Assert.True(Handshake.TryDecode(bytes, out var handshake));
        Assert.Equal((extension, fast, v2), (handshake.SupportsExtensionProtocol, handshake.SupportsFastExtension, handshake.SupportsV2));
    }

    [Fact]
    public void Refuses_another_protocol_or_a_short_handshake()
    {
        var bytes = new byte[Handshake.Size];
        new Handshake(0, InfoHash, PeerId).Encode(bytes);
        Assert.True(Handshake.TryDecode(bytes, out var decoded));
        Assert.Equal(InfoHash, decoded.InfoHash);
        Assert.Equal(PeerId, decoded.PeerId);
        Assert.False(Handshake.TryDecode(bytes.AsSpan(0, 67), out _));
        bytes[5] = (byte)'x';
        Assert.False(Handshake.TryDecode(bytes, out _));
    }
}
