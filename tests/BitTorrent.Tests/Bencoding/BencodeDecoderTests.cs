using System.Text;
using Swarmgrid.BitTorrent.Bencoding;

namespace Swarmgrid.BitTorrent.Tests.Bencoding;

public sealed class BencodeDecoderTests
{
    private static BValue Decode(string text, BencodeOptions? options = null) =>
        BencodeDecoder.Decode(Encoding.Latin1.GetBytes(text), options);

    private static BencodeFormatException Fails(string text, BencodeOptions? options = null) =>
        Assert.Throws<BencodeFormatException>(() => Decode(text, options));

    [Theory]
    [InlineData("i0e", 0L)]
    [InlineData("i42e", 42L)]
    [InlineData("i-42e", -42L)]
    [InlineData("i9223372036854775807e", long.MaxValue)]
    [InlineData("i-9223372036854775808e", long.MinValue)]
    public void Decode_Integer_ReadsTheValue(string text, long expected) =>
        Assert.Equal(expected, Assert.IsType<BInteger>(Decode(text)).Value);

    [Theory]
    [InlineData("i-0e", "negative zero")]
    [InlineData("i03e", "leading zero")]
    [InlineData("i-03e", "leading zero")]
    [InlineData("ie", "no digits")]
    [InlineData("i-e", "no digits")]
    [InlineData("i12", "not terminated")]
    [InlineData("i1x2e", "non-digit")]
    [InlineData("i9223372036854775808e", "64 bits")]
    [InlineData("i-9223372036854775809e", "64 bits")]
    [InlineData("i99999999999999999999e", "64 bits")]
    public void Decode_Integer_Malformed_Fails(string text, string reason) =>
        Assert.Contains(reason, Fails(text).Reason);

    [Fact]
    public void Decode_Integer_LeadingZero_IsAcceptedWhenLenient() =>
        Assert.Equal(3, ((BInteger)Decode("i03e", BencodeOptions.Lenient)).Value);

    [Fact]
    public void Decode_String_PointsIntoTheInputWithoutCopying()
    {
        var input = Encoding.ASCII.GetBytes("4:spam");

        var value = (BString)BencodeDecoder.Decode(input);

        Assert.Equal("spam", value.Text);
        Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(value.Bytes, out var segment));
        Assert.Same(input, segment.Array);
        Assert.Equal(2, segment.Offset);
    }

    [Theory]
    [InlineData("0:", "")]
    [InlineData("3:a:b", "a:b")]
    public void Decode_String_ReadsEdgeCases(string text, string expected) =>
        Assert.Equal(expected, ((BString)Decode(text)).Text);

    [Theory]
    [InlineData("5:spam", "past the end")]
    [InlineData("99999999999999999999:x", "past the end")]
    [InlineData("4spam", "not followed by ':'")]
    [InlineData("04:spam", "leading zero")]
    [InlineData("", "empty")]
    [InlineData("x", "unexpected byte 0x78")]
    public void Decode_String_Malformed_Fails(string text, string reason) =>
        Assert.Contains(reason, Fails(text).Reason);

    [Fact]
    public void Decode_ListAndDictionary_ReadNestedValues()
    {
        var value = (BDictionary)Decode("d4:listl4:spami7ee3:numi-1ee");

        var list = value.Get<BList>("list")!;
        Assert.Equal("spam", ((BString)list[0]).Text);
        Assert.Equal(7, ((BInteger)list[1]).Value);
        Assert.Equal(-1, value.Get<BInteger>("num")!.Value);
    }

    [Theory]
    [InlineData("d1:bi1e1:ai2ee", "out of order")]
    [InlineData("d1:ai1e1:ai2ee", "duplicate key")]
    public void Decode_Dictionary_OutOfOrderOrDuplicate_FailsWhenStrict(string text, string reason) =>
        Assert.Contains(reason, Fails(text).Reason);

    [Fact]
    public void Decode_Dictionary_OutOfOrder_IsAcceptedWhenLenient_ButDuplicatesAreNot()
    {
        Assert.Equal(2, ((BDictionary)Decode("d1:bi1e1:ai2ee", BencodeOptions.Lenient)).Count);
        Assert.Contains("duplicate", Fails("d1:ai1e1:ai2ee", BencodeOptions.Lenient).Reason);
    }

    [Theory]
    [InlineData("di1ei2ee", "key is not a string")]
    [InlineData("d1:a", "input ends")]
    [InlineData("l", "input ends")]
    [InlineData("li1e", "input ends")]
    [InlineData("i1ei2e", "unexpected bytes after")]
    [InlineData("le3", "unexpected bytes after")]
    public void Decode_Truncated_OrTrailing_Fails(string text, string reason) =>
        Assert.Contains(reason, Fails(text).Reason);

    [Fact]
    public void Decode_NestingBeyondTheLimit_Fails()
    {
        var deep = new string('l', 65) + new string('e', 65);

        Assert.Contains("nesting", Fails(deep).Reason);
        Assert.IsType<BList>(Decode(new string('l', 64) + new string('e', 64)));
    }

    [Fact]
    public void Decode_InputLargerThanTheLimit_Fails()
    {
        var options = BencodeOptions.Strict with { MaxInputBytes = 10 };

        Assert.Contains("exceeds the limit", Fails("11:hello world", options).Reason);
    }

    [Fact]
    public void Decode_RemembersWhereEachValueWas()
    {
        var input = Encoding.ASCII.GetBytes("d8:announce3:url4:infod4:name1:xee");

        var info = BencodeDecoder.DecodeDictionary(input).Get<BDictionary>("info")!;

        Assert.Equal("d4:name1:xe", Encoding.ASCII.GetString(input, info.Offset, info.Length));
    }

    [Fact]
    public void FormatException_SaysWhere()
    {
        var error = Fails("d3:keyi1x2ee");

        Assert.Equal(8, error.Position);
        Assert.StartsWith("Invalid bencode at byte 8:", error.Message);
    }
}
