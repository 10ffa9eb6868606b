using System.Text;
using Swarmgrid.BitTorrent.Bencoding;

namespace Swarmgrid.BitTorrent.Tests.Bencoding;

public sealed class BencodeWriterTests
{
    [Fact]
    public void Encode_Dictionary_SortsKeysByRawBytes()
    {
        var dictionary = new BDictionary
        {
            { "zeta", 1 },
            { "Alpha", "x" },
            { "alpha", new BList { 1, "two" } },
        };

        Assert.Equal("d5:Alpha1:x5:alphali1e3:twoe4:zetai1ee", Encoding.ASCII.GetString(dictionary.Encode()));
    }

    [Theory]
    [InlineData(0L, "i0e")]
    [InlineData(-1L, "i-1e")]
    [InlineData(long.MinValue, "i-9223372036854775808e")]
    public void Encode_Integer_IsCanonical(long value, string expected) =>
        Assert.Equal(expected, Encoding.ASCII.GetString(new BInteger(value).Encode()));

    [Fact]
    public void Encode_String_WritesUtf8ByteLength()
    {
        Assert.Equal("6:h\u00c3\u00a9llo", Encoding.Latin1.GetString(new BString("h\u00e9llo").Encode()));
    }

    [Fact]
    public void Writer_Tokens_ProduceExactBytes()
    {
        var writer = new BencodeWriter();
        writer.WriteDictionaryStart();
        writer.WriteKeyValue("complete"u8, 3);
        writer.WriteString("peers");
        writer.WriteString([1, 2, 3, 4, 0x1a, 0xe1]);
        writer.WriteEnd();

        Assert.Equal("d8:completei3e5:peers6:\u0001\u0002\u0003\u0004\u001a\u00e1e", Encoding.Latin1.GetString(writer.WrittenSpan));
    }
}
