namespace Swarmgrid.Identity.Tests;

public sealed class LocalRedirectTests
{
    [Theory]
    [InlineData("/", "/")]
    [InlineData("/torrents?filter=active#top", "/torrents?filter=active#top")]
    [InlineData("/%2F/x", "/%2F/x")]
    [InlineData(null, "/")]
    [InlineData("", "/")]
    [InlineData("//evil.example", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("/\t/evil.example", "/")]
    [InlineData("/\n/x", "/")]
    [InlineData("/\r\nSet-Cookie:x=y", "/")]
    [InlineData("/ /evil.example", "/")]
    [InlineData("/a\\b", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("javascript:alert(1)", "/")]
    [InlineData("evil.example", "/")]
    public void OnlyLocalPaths_AreKept(string? requested, string expected) =>
        Assert.Equal(expected, LocalRedirect.Target(requested));

    [Fact]
    public void AVeryLongPath_IsRefused() =>
        Assert.Equal("/", LocalRedirect.Target("/" + new string('a', 5000)));
}
