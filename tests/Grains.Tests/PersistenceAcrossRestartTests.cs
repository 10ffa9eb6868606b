using Orleans.TestingHost;
using Swarmgrid.GrainInterfaces.Settings;
using Swarmgrid.Grains.Tests.Probes;
using Swarmgrid.TestSupport;

namespace Swarmgrid.Grains.Tests;

/// <summary>Grain state and reminders outlive the cluster that wrote them, on both storage backends.</summary>
public sealed class PersistenceAcrossRestartTests
{
    [Fact]
    public Task Sqlite_StateAndReminders_SurviveAClusterRestart() =>
        StateAndRemindersSurviveRestart(serviceId =>
            TestClusters.StartOnSqliteAsync(Path.Combine(Path.GetTempPath(), "swarmgrid-restart", serviceId), serviceId));

    [SkippableFact]
    public async Task Postgres_MembershipStateAndReminders_SurviveAClusterRestart()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync();
        await StateAndRemindersSurviveRestart(serviceId => TestClusters.StartOnPostgresAsync(connectionString, serviceId), async cluster =>
        {
            var hosts = await cluster.Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
            Assert.Equal(2, hosts.Count);
        });
    }

    private static async Task StateAndRemindersSurviveRestart(Func<string, Task<TestCluster>> start, Func<TestCluster, Task>? check = null)
    {
        var scope = Guid.NewGuid().ToString("N");
        var serviceId = "restart-" + scope;
        var ticker = "ticker-" + scope;
        int ticksBeforeRestart;

        var first = await start(serviceId);
        await using (first)
        {
            if (check is not null)
            {
                await check(first);
            }
            await first.GrainFactory.GetGrain<ISettingsGrain>(scope).SetOverrideAsync("max_active_seeds", "42", "tester");
            await first.GrainFactory.GetGrain<ITickingGrain>(ticker).StartAsync(TimeSpan.FromSeconds(1));
            ticksBeforeRestart = await WaitForTicksAsync(first, ticker, above: 0);
            await first.StopAllSilosAsync();
        }

        var second = await start(serviceId);
        await using (second)
        {
            var settings = await second.GrainFactory.GetGrain<ISettingsGrain>(scope).GetAllAsync();
            Assert.Contains(new SettingView("max_active_seeds", "10", "42", true), settings);
            await WaitForTicksAsync(second, ticker, above: ticksBeforeRestart);
            await second.StopAllSilosAsync();
        }
    }

    private static async Task<int> WaitForTicksAsync(TestCluster cluster, string key, int above)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var ticks = await cluster.GrainFactory.GetGrain<ITickingGrain>(key).GetTicksAsync();
            if (ticks > above)
            {
                return ticks;
            }
            Assert.True(DateTime.UtcNow < deadline, $"reminder ticks stayed at {ticks}, expected more than {above}");
            await Task.Delay(250);
        }
    }
}
