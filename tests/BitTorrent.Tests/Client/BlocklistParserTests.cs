using System.IO.Compression;
using System.Net;
using System.Text;
using Swarmgrid.BitTorrent.Client;

namespace Swarmgrid.BitTorrent.Tests.Client;

public sealed class BlocklistParserTests
{
    [Theory]
    [InlineData("Some org:1.2.3.0-1.2.3.255", "1.2.3.0", "1.2.3.255")]
    [InlineData("name:with:colons:1.2.3.0-1.2.3.255", "1.2.3.128", "1.2.3.0")]
    [InlineData("dash-name:1.2.3.0-1.2.3.255", "1.2.3.7", "1.2.3.255")]
    [InlineData("Bad Guys:001.002.003.000-001.002.003.255", "1.2.3.9", "1.2.3.255")]
    [InlineData("1.2.3.0 - 1.2.3.255 , 000 , Some org", "1.2.3.1", "1.2.3.100")]
    [InlineData("001.002.003.000 - 001.002.003.255 , 127 , level 127 blocks", "1.2.3.1", "1.2.3.255")]
    [InlineData("1.2.3.0/24", "1.2.3.255", "1.2.3.0")]
    [InlineData("1.2.3.4", "1.2.3.4", "1.2.3.4")]
    [InlineData("1.2.3.0-1.2.3.255", "1.2.3.3", "1.2.3.4")]
    [InlineData("v6 org:2001:db8::-2001:db8::ffff", "2001:db8::abcd", "2001:db8::")]
    [InlineData("2001:db8::/32", "2001:db8:1::", "2001:db8::")]
    [InlineData("2001:db8:: - 2001:db8::ff , 100 , v6 dat", "2001:db8::fe", "2001:db8::1")]
    public void Each_Format_Reads_One_Range(string line, string inside, string alsoInside)
    {
        var result = BlocklistParser.Parse(line);

        Assert.Equal((1, 0), (result.Ranges, result.Malformed));
        Assert.True(result.Filter.IsBlocked(IPAddress.Parse(inside)));
        Assert.True(result.Filter.IsBlocked(IPAddress.Parse(alsoInside)));
    }

    [Fact]
    public void Comments_Blank_Lines_Allowing_Dat_Entries_And_Malformed_Lines_Are_Not_Ranges()
    {
        var text = """
            # a comment
            // another

            a:1.0.0.0-1.0.0.255
            2.0.0.0 - 2.0.0.255 , 200 , allowed by its level
            3.0.0.0 - 3.0.0.255 , 050 , blocked
            not a line
            b:9.9.9.9-1.1.1.1
            4.0.0.0/33
            300.1.1.1
            c:1.0.0.0-2001:db8::1
            """;

        var result = BlocklistParser.Parse(text);

        Assert.Equal(2, result.Ranges);
        Assert.Equal(5, result.Malformed);
        Assert.True(result.Filter.IsBlocked(IPAddress.Parse("3.0.0.1")));
        Assert.False(result.Filter.IsBlocked(IPAddress.Parse("2.0.0.1")));
    }

    [Fact]
    public void Gzip_Bodies_Are_Unpacked_And_Plain_Ones_Read_As_They_Are()
    {
        var plain = Encoding.UTF8.GetBytes("a:1.0.0.0-1.0.0.255\r\nb:5.0.0.0-5.0.0.9\r\n");

        var fromGzip = BlocklistParser.Parse(Gzip(plain), 1024);
        var fromPlain = BlocklistParser.Parse(plain, 1024);

        Assert.Equal(2, fromGzip.Ranges);
        Assert.Equal(2, fromPlain.Ranges);
        Assert.True(fromGzip.Filter.IsBlocked(IPAddress.Parse("5.0.0.9")));
    }

    [Fact]
    public void Gzip_That_Unpacks_Past_The_Cap_Fails()
    {
        var big = Gzip(new byte[100_000]);

        Assert.True(big.Length < 1000);
        Assert.Throws<InvalidDataException>(() => BlocklistParser.Parse(big, 50_000));
    }

    [Fact]
    public void Corrupt_Gzip_Fails() =>
        Assert.Throws<InvalidDataException>(() => BlocklistParser.Parse([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff], 1024));

    internal static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(data);
        }
        return output.ToArray();
    }
}
