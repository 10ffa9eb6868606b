using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Swarmgrid.BitTorrent.Client;
using Swarmgrid.BitTorrent.Encryption;
using Swarmgrid.GrainInterfaces.Client;
using Swarmgrid.Silo.Engine;

namespace Swarmgrid.Grains.Tests.Engine;

/// <summary>
/// The blocklist grain's ranges reach the engine of every silo over the feed and leave it when cleared; the engine
/// starts with DHT and encryption as <c>dht_enabled</c> and <c>encryption_enabled</c> say.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class BlocklistOnSilosTests(ClusterFixture fixture)
{
    private static SiloTorrentEngine EngineOf(SiloHandle silo) =>
        ((InProcessSiloHandle)silo).SiloHost.Services.GetRequiredService<SiloTorrentEngine>();

    [Fact]
    public async Task A_loaded_list_reaches_every_silo_engine_and_clearing_drops_it()
    {
        var grain = fixture.Cluster.GrainFactory.GetGrain<IClientBlocklistGrain>(0);
        var engines = fixture.Cluster.Silos.Select(EngineOf).Select(s => s.Engine).ToList();
        var listed = IPAddress.Parse("203.0.113.7");
        var filter = new IpFilter();
        filter.Add("203.0.113.0/24");
        filter.Add("2001:db8::/32");
        try
        {
            await grain.LoadAsync(filter.ToBytes(), 2);
            var status = await grain.GetStatusAsync();

            Assert.Equal(2, status.Entries);
            Assert.Null(status.Error);
            Assert.True(status.LastLoadedAt > 0);
            await UntilAsync(engines, e => e.Settings.Blocklist?.IsBlocked(listed) == true
                && e.Settings.Blocklist.IsBlocked(IPAddress.Parse("::ffff:203.0.113.9")));
            Assert.All(engines, e => Assert.False(e.Settings.Blocklist!.IsBlocked(IPAddress.Parse("203.0.114.1"))));

            await grain.FailAsync("the upstream answered 500");
            Assert.Equal(("the upstream answered 500", 2), ((await grain.GetStatusAsync()).Error, (await grain.GetStatusAsync()).Entries));
            Assert.All(engines, e => Assert.True(e.Settings.Blocklist?.IsBlocked(listed)));
        }
        finally
        {
            await grain.ClearAsync();
        }
        await UntilAsync(engines, e => e.Settings.Blocklist is null);
        Assert.Equal((0L, 0, (string?)null), ((await grain.GetStatusAsync()).LastLoadedAt, (await grain.GetStatusAsync()).Entries, (await grain.GetStatusAsync()).Error));
    }

    [Fact]
    public void Silo_engines_start_with_dht_on_and_encryption_preferred_as_the_default_settings_say()
    {
        foreach (var engine in fixture.Cluster.Silos.Select(EngineOf).Select(s => s.Engine))
        {
            Assert.NotNull(engine.Settings.Dht);
            Assert.NotNull(engine.Dht);
            Assert.Equal(EncryptionPolicy.Prefer, engine.Settings.Encryption);
        }
    }

    [Fact]
    public void Dht_and_encryption_settings_shape_the_engine_settings()
    {
        var options = EngineOptions.From(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Engine:Dht:Bootstrap:0"] = "router.example.org:6881",
            ["Engine:Dht:Bootstrap:1"] = "dht.example.net:6881",
            ["Swarmgrid:DataDir"] = fixture.DataDirectory,
        }).Build());
        var values = new EngineSettingValues(0, 0, 0, 0, false, 0, 0, "");

        var on = SiloTorrentEngine.SettingsFor(7000, values with { DhtEnabled = true, EncryptionEnabled = true }, options);
        var off = SiloTorrentEngine.SettingsFor(7000, values with { DhtEnabled = false, EncryptionEnabled = false }, options);
        var unread = SiloTorrentEngine.SettingsFor(0, null, options);

        Assert.Equal(["router.example.org:6881", "dht.example.net:6881"], on.Dht!.BootstrapNodes);
        Assert.Equal(EncryptionPolicy.Prefer, on.Encryption);
        Assert.Null(off.Dht);
        Assert.Equal(EncryptionPolicy.Off, off.Encryption);
        Assert.NotNull(unread.Dht);
        Assert.Equal(EncryptionPolicy.Off, unread.Encryption);
        Assert.Equal((7000, -1, -1), (on.ListenPort, on.MaxActiveDownloads, on.MaxActiveSeeds));
        Assert.Empty(EngineOptions.From(new ConfigurationBuilder().Build()).DhtBootstrap);
    }

    [Theory]
    [InlineData("true", "true", true, true)]
    [InlineData("false", "false", false, false)]
    [InlineData(null, null, true, true)]
    public void Dht_and_encryption_are_read_from_the_settings_with_their_defaults(string? dht, string? encryption, bool dhtOn, bool encryptionOn)
    {
        var views = new List<Swarmgrid.GrainInterfaces.Settings.SettingView>();
        if (dht is not null)
        {
            views.Add(new("dht_enabled", "true", dht, true));
        }
        if (encryption is not null)
        {
            views.Add(new("encryption_enabled", "true", encryption, true));
        }

        var values = EngineSettingValues.From(views);

        Assert.Equal((dhtOn, encryptionOn), (values.DhtEnabled, values.EncryptionEnabled));
    }

    private static async Task UntilAsync(IReadOnlyList<ClientEngine> engines, Func<ClientEngine, bool> condition)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!engines.All(condition))
        {
            Assert.False(deadline.IsCancellationRequested, "the engines never got the blocklist expected");
            await Task.Delay(50, CancellationToken.None);
        }
    }
}
