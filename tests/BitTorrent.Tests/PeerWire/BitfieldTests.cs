using Swarmgrid.BitTorrent.PeerWire;

namespace Swarmgrid.BitTorrent.Tests.PeerWire;

public sealed class BitfieldTests
{
    [Fact]
    public void Piece_zero_is_the_high_bit_of_the_first_byte()
    {
        var bitfield = new Bitfield(10);
        bitfield[0] = true;
        bitfield[9] = true;
        Assert.Equal("8040", Convert.ToHexString(bitfield.Span));
        Assert.Equal(2, bitfield.CountSet);
    }

    [Fact]
    public void Refuses_wrong_lengths_and_spare_bits()
    {
        Assert.True(Bitfield.TryFrom([0xff, 0xc0], 10, out var full));
        Assert.True(full.AllSet);
        Assert.False(Bitfield.TryFrom([0xff, 0xe0], 10, out _));
        Assert.False(Bitfield.TryFrom([0xff], 10, out _));
    }
}
