using Swarmgrid.BitTorrent.Encryption;

namespace Swarmgrid.BitTorrent.Tests.Encryption;

public sealed class Rc4Tests
{
    [Fact]
    public void Keystream_matches_rfc_6229_for_a_40_bit_key()
    {
        var keystream = new byte[32];
        new Rc4(Convert.FromHexString("0102030405"), discard: 0).Apply(keystream);
        Assert.Equal("b2396305f03dc027ccc3524a0a1118a8" + "6982944f18fc82d589c403a47a0d0919", Convert.ToHexStringLower(keystream));
    }

    [Fact]
    public void Mse_drops_the_first_kibibyte_of_keystream_and_decrypting_is_encrypting_again()
    {
        var key = Enumerable.Range(0, 20).Select(i => (byte)(i * 7)).ToArray();
        var full = new byte[1024 + 64];
        new Rc4(key, discard: 0).Apply(full);
        var dropped = new byte[64];
        new Rc4(key).Apply(dropped);
        Assert.Equal(full[1024..], dropped);

        var text = "message stream encryption"u8.ToArray();
        var data = (byte[])text.Clone();
        new Rc4(key).Apply(data);
        Assert.NotEqual(text, data);
        new Rc4(key).Apply(data);
        Assert.Equal(text, data);
    }
}
