using CsCheck;
using Swarmgrid.BitTorrent.Bencoding;

namespace Swarmgrid.BitTorrent.Tests.Bencoding;

public sealed class BencodePropertyTests
{
    private static readonly Gen<BValue> Value = Gen.Recursive<BValue>((depth, value) =>
    {
        var leaf = Gen.OneOf<BValue>(
            Gen.Long.Select(n => (BValue)new BInteger(n)),
            Gen.Byte.Array[0, 40].Select(b => (BValue)new BString(b)));
        if (depth >= 4)
        {
            return leaf;
        }
        var list = value.List[0, 5].Select(items => (BValue)new BList(items));
        var dictionary = Gen.Select(Gen.String[0, 8], value).List[0, 5].Select(pairs =>
        {
            var d = new BDictionary();
            foreach (var (key, item) in pairs)
            {
                d.Set(new BString(key), item);
            }
            return (BValue)d;
        });
        return Gen.Frequency((4, leaf), (1, list), (1, dictionary));
    });

    [Fact]
    public void EncodeThenDecode_GivesTheSameBytes() =>
        Value.Sample(value =>
        {
            var bytes = value.Encode();
            var decoded = BencodeDecoder.Decode(bytes, BencodeOptions.Strict);
            Assert.Equal(bytes, decoded.Encode());
            Assert.Equal((0, bytes.Length), (decoded.Offset, decoded.Length));
        }, iter: 2000);

    [Fact]
    public void Decode_RandomBytes_ThrowsOnlyTheFormatException() =>
        Gen.Byte.Array[0, 64].Sample(bytes =>
        {
            try
            {
                BencodeDecoder.Decode(bytes, BencodeOptions.Lenient);
            }
            catch (BencodeFormatException)
            {
            }
        }, iter: 20000);
}
