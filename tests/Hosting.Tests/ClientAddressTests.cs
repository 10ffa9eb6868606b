using System.Net;
using Microsoft.Extensions.Configuration;

namespace Swarmgrid.Hosting.Tests;

public sealed class ClientAddressTests
{
    private static ClientAddress WithProxies(params string[] proxies) => new(new ConfigurationBuilder()
        .AddInMemoryCollection(proxies.Select((proxy, i) => new KeyValuePair<string, string?>($"Tracker:TrustedProxies:{i}", proxy)))
        .Build());

    [Theory]
    [InlineData("10.0.0.5", "203.0.113.7", "203.0.113.7")]
    [InlineData("10.0.0.5", "198.51.100.1, 203.0.113.7", "203.0.113.7")]
    [InlineData("10.0.0.5", "not-an-address", "10.0.0.5")]
    [InlineData("10.0.0.5", "", "10.0.0.5")]
    [InlineData("192.0.2.9", "203.0.113.7", "192.0.2.9")]
    [InlineData("::ffff:10.0.0.5", "2001:db8::1", "2001:db8::1")]
    public void OnlyAListedProxy_IsBelieved_AndOnlyItsLastHop(string socket, string forwardedFor, string expected)
    {
        var resolver = WithProxies("10.0.0.0/8");

        Assert.Equal(IPAddress.Parse(expected), resolver.Resolve(IPAddress.Parse(socket), forwardedFor));
    }

    [Fact]
    public void WithoutProxies_TheSocketIsTheClient_Normalized()
    {
        var resolver = WithProxies();

        Assert.False(resolver.TrustsAnyProxy);
        Assert.Equal(IPAddress.Parse("127.0.0.1"), resolver.Resolve(IPAddress.Parse("::ffff:127.0.0.1"), "203.0.113.7"));
    }

    [Fact]
    public void ACommaSeparatedSetting_AndSingleAddresses_AreRead()
    {
        var resolver = new ClientAddress(new ConfigurationBuilder()
            .AddInMemoryCollection([new KeyValuePair<string, string?>("Tracker:TrustedProxies", "127.0.0.1, 10.1.0.0/16")]).Build());

        Assert.Equal(IPAddress.Parse("203.0.113.7"), resolver.Resolve(IPAddress.Loopback, "203.0.113.7"));
        Assert.Equal(IPAddress.Parse("203.0.113.8"), resolver.Resolve(IPAddress.Parse("10.1.2.3"), "203.0.113.8"));
        Assert.Equal(IPAddress.Parse("127.0.0.2"), resolver.Resolve(IPAddress.Parse("127.0.0.2"), "203.0.113.9"));
    }

    [Fact]
    public void ABadProxyEntry_StopsTheStartWithItsName()
    {
        var error = Assert.Throws<StartupConfigurationException>(() => WithProxies("10.0.0.0/8", "proxy.example"));

        Assert.Contains("'proxy.example'", error.Message);
    }
}
