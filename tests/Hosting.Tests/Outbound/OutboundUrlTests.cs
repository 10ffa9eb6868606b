using Swarmgrid.Hosting.Network.Outbound;

namespace Swarmgrid.Hosting.Tests.Outbound;

public class OutboundUrlTests
{
    [Theory]
    [InlineData("http://127.0.0.1/", "private, loopback or link-local")]
    [InlineData("http://127.1.2.3:8080/list", "private, loopback or link-local")]
    [InlineData("http://[::1]/", "private, loopback or link-local")]
    [InlineData("http://[::ffff:127.0.0.1]/", "private, loopback or link-local")]
    [InlineData("http://169.254.169.254/latest/meta-data/", "private, loopback or link-local")]
    [InlineData("http://10.1.2.3/", "private, loopback or link-local")]
    [InlineData("http://172.16.0.1/", "private, loopback or link-local")]
    [InlineData("http://192.168.1.1/", "private, loopback or link-local")]
    [InlineData("http://100.64.0.1/", "private, loopback or link-local")]
    [InlineData("http://0.0.0.0/", "private, loopback or link-local")]
    [InlineData("http://[fd00::1]/", "private, loopback or link-local")]
    [InlineData("http://[fe80::1]/", "private, loopback or link-local")]
    [InlineData("http://localhost/", "private, loopback or link-local")]
    [InlineData("http://feeds.localhost/", "private, loopback or link-local")]
    [InlineData("http://intranet/", "public host")]
    [InlineData("file:///etc/passwd", "http or https")]
    [InlineData("ftp://example.com/list", "http or https")]
    [InlineData("gopher://example.com/", "http or https")]
    [InlineData("/relative/path", "http or https")]
    [InlineData("http://user:secret@example.com/", "user name or password")]
    [InlineData("", "url is required")]
    public void Refused_urls_say_why(string url, string reason) => Assert.Contains(reason, OutboundUrl.Problem(url));

    [Theory]
    [InlineData("https://example.com/blocklist.p2p.gz")]
    [InlineData("http://93.184.216.34/feed.xml")]
    [InlineData("https://[2606:2800:220:1::1]/")]
    public void Public_urls_pass(string url) => Assert.Null(OutboundUrl.Problem(url));

    [Fact]
    public void The_test_switch_opens_loopback_only()
    {
        Assert.Null(OutboundUrl.Problem("http://127.0.0.1:5000/", allowLoopback: true));
        Assert.Null(OutboundUrl.Problem("http://[::1]:5000/", allowLoopback: true));
        Assert.NotNull(OutboundUrl.Problem("http://169.254.169.254/", allowLoopback: true));
        Assert.NotNull(OutboundUrl.Problem("http://192.168.0.10/", allowLoopback: true));
    }

    [Fact]
    public void Overlong_urls_are_refused() =>
        Assert.Contains("at most", OutboundUrl.Problem("https://example.com/" + new string('a', OutboundUrl.MaxLength)));
}
