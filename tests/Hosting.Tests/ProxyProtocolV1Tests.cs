using System.Net;
using System.Text;

namespace Swarmgrid.Hosting.Tests;

public sealed class ProxyProtocolV1Tests
{
    [Theory]
    [InlineData("PROXY TCP4 192.0.2.1 198.51.100.2 51234 6969\r\n", "192.0.2.1:51234")]
    [InlineData("PROXY TCP6 2001:db8::1 2001:db8::2 6881 6969\r\n", "[2001:db8::1]:6881")]
    public void A_header_names_the_client_and_ends_after_its_crlf(string header, string client)
    {
        var packet = Encoding.ASCII.GetBytes(header + "payload");

        Assert.True(ProxyProtocolV1.TryRead(packet, out var endpoint, out var length));
        Assert.Equal(IPEndPoint.Parse(client), endpoint);
        Assert.Equal("payload", Encoding.ASCII.GetString(packet, length, packet.Length - length));
    }

    [Fact]
    public void Unknown_names_no_client()
    {
        Assert.True(ProxyProtocolV1.TryRead("PROXY UNKNOWN\r\nx"u8, out var endpoint, out var length));
        Assert.Null(endpoint);
        Assert.Equal(15, length);
    }

    [Theory]
    [InlineData("PROXY TCP4 192.0.2.1 198.51.100.2 51234 6969")]
    [InlineData("PROXY TCP4 2001:db8::1 198.51.100.2 51234 6969\r\n")]
    [InlineData("PROXY TCP6 192.0.2.1 198.51.100.2 51234 6969\r\n")]
    [InlineData("PROXY TCP4 192.0.2.1 198.51.100.2 99999 6969\r\n")]
    [InlineData("PROXY TCP4 192.0.2.1 198.51.100.2 -1 6969\r\n")]
    [InlineData("PROXY TCP4 not-an-address 198.51.100.2 1 6969\r\n")]
    [InlineData("PROXY UDP4 192.0.2.1 198.51.100.2 1 6969\r\n")]
    [InlineData("PROXY TCP4 192.0.2.1\r\n")]
    [InlineData("NOT A HEADER\r\n")]
    public void Malformed_or_truncated_headers_are_refused(string header) =>
        Assert.False(ProxyProtocolV1.TryRead(Encoding.ASCII.GetBytes(header), out _, out _));

    [Fact]
    public void A_header_longer_than_the_specification_allows_is_refused()
    {
        var header = "PROXY TCP4 192.0.2.1 198.51.100.2 51234 6969" + new string(' ', 100) + "\r\n";

        Assert.False(ProxyProtocolV1.TryRead(Encoding.ASCII.GetBytes(header), out _, out _));
    }
}
