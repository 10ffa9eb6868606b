using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Swarmgrid.BitTorrent.Client;
using Swarmgrid.GrainInterfaces.Client;
using Swarmgrid.GrainInterfaces.Settings;
using Swarmgrid.Silo.Engine;

namespace Swarmgrid.Grains.Tests.Engine;

/// <summary>Client settings and schedule rules, changed through their grains, reach the engine of every silo over the feed.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ClientSettingsOnSilosTests(ClusterFixture fixture)
{
    private static SiloTorrentEngine EngineOf(SiloHandle silo) =>
        ((InProcessSiloHandle)silo).SiloHost.Services.GetRequiredService<SiloTorrentEngine>();

    [Fact]
    public async Task Limits_alt_speed_peers_save_path_and_rules_reach_every_silo_engine()
    {
        var settings = fixture.Cluster.GrainFactory.GetGrain<ISettingsGrain>(ISettingsGrain.GlobalScope);
        var schedule = fixture.Cluster.GrainFactory.GetGrain<IClientScheduleGrain>(0);
        var silos = fixture.Cluster.Silos.Select(EngineOf).ToList();
        var engines = silos.Select(s => s.Engine).ToList();
        var savePath = Path.Combine(fixture.DataDirectory, "chosen-downloads");
        string[] keys = [ClientSettingKeys.DownloadLimit, ClientSettingKeys.UploadLimit, ClientSettingKeys.AltDownloadLimit,
            ClientSettingKeys.AltUploadLimit, ClientSettingKeys.AltSpeedActive, ClientSettingKeys.MaxPeersPerTorrent, ClientSettingKeys.DefaultSavePath];
        int? rule = null;
        try
        {
            Assert.Equal(SettingChangeStatus.Applied, (await settings.SetOverridesAsync(new Dictionary<string, string>
            {
                [ClientSettingKeys.DownloadLimit] = "2048",
                [ClientSettingKeys.UploadLimit] = "1024",
                [ClientSettingKeys.AltDownloadLimit] = "64",
                [ClientSettingKeys.AltUploadLimit] = "32",
                [ClientSettingKeys.MaxPeersPerTorrent] = "33",
                [ClientSettingKeys.DefaultSavePath] = System.Text.Json.JsonSerializer.Serialize(savePath),
            }, "tester")).Status);
            await UntilAsync(engines, e => Rates(e) == (2048 * 1024, 1024 * 1024) && e.Settings.MaxConnectionsPerTorrent == 33);
            Assert.All(silos, s => Assert.Equal(savePath, s.DefaultSavePath));

            await settings.SetOverrideAsync(ClientSettingKeys.AltSpeedActive, "true", "tester");
            await UntilAsync(engines, e => Rates(e) == (64 * 1024, 32 * 1024));

            await settings.SetOverrideAsync(ClientSettingKeys.AltSpeedActive, "false", "tester");
            rule = await schedule.AddRuleAsync(new ScheduleRule(0, ScheduleRule.AllDays, 0, 0, 77, 0, AltOnly: false, Enabled: true));
            Assert.NotNull(rule);
            await UntilAsync(engines, e => Rates(e) == (77 * 1024, 0));

            await schedule.RemoveRuleAsync(rule!.Value);
            rule = null;
            await UntilAsync(engines, e => Rates(e) == (2048 * 1024, 1024 * 1024));
        }
        finally
        {
            if (rule is { } id)
            {
                await schedule.RemoveRuleAsync(id);
            }
            foreach (var key in keys)
            {
                await settings.RemoveOverrideAsync(key, "tester");
            }
        }
        await UntilAsync(engines, e => Rates(e) == (0, 0) && e.Settings.MaxConnectionsPerTorrent == new EngineSettings().MaxConnectionsPerTorrent
            && silos.All(s => s.DefaultSavePath != savePath));
    }

    [Fact]
    public async Task Schedule_rules_are_numbered_checked_and_replaced_whole()
    {
        var schedule = fixture.Cluster.GrainFactory.GetGrain<IClientScheduleGrain>(0);
        var rule = new ScheduleRule(99, 0b0111110, 9 * 60, 17 * 60, 100, 50, AltOnly: false, Enabled: true);

        var id = (await schedule.AddRuleAsync(rule))!.Value;
        var updated = await schedule.UpdateRuleAsync(rule with { Id = id, Enabled = false });
        var missing = await schedule.UpdateRuleAsync(rule with { Id = int.MaxValue });
        var refused = await Assert.ThrowsAsync<ArgumentException>(() => schedule.AddRuleAsync(rule with { EndMinute = 1440 }).AsTask());
        var listed = (await schedule.GetRulesAsync()).Single(r => r.Id == id);
        var removed = await schedule.RemoveRuleAsync(id);

        Assert.NotEqual(99, id);
        Assert.True(updated);
        Assert.False(missing);
        Assert.Contains("end_min", refused.Message);
        Assert.Equal(rule with { Id = id, Enabled = false }, listed);
        Assert.True(removed);
        Assert.False(await schedule.RemoveRuleAsync(id));
        Assert.DoesNotContain(await schedule.GetRulesAsync(), r => r.Id == id);
    }

    private static (long Down, long Up) Rates(ClientEngine engine) => (engine.DownloadLimit.BytesPerSecond, engine.UploadLimit.BytesPerSecond);

    private static async Task UntilAsync(IReadOnlyList<ClientEngine> engines, Func<ClientEngine, bool> condition)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!engines.All(condition))
        {
            Assert.False(deadline.IsCancellationRequested,
                $"the engines never got there; they run at {string.Join(", ", engines.Select(e => $"{Rates(e)} peers {e.Settings.MaxConnectionsPerTorrent}"))}");
            await Task.Delay(50, CancellationToken.None);
        }
    }
}
