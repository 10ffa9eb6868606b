using Swarmgrid.TestSupport;

namespace Swarmgrid.Silo.Tests.Tracker;

/// <summary>An embedded silo for tracker tests: rate limit off, UDP on a free port, figures reported quickly.</summary>
public sealed class TrackerSiloFixture : IAsyncLifetime
{
    private SwarmgridProcess? silo;

    public HttpClient Client { get; private set; } = null!;

    public int UdpPort { get; } = FreePort.NextUdp();

    public const int MaxNumWant = 20;

    public async Task InitializeAsync()
    {
        silo = SiloProcesses.StartEmbedded(Path.Combine(Path.GetTempPath(), "swarmgrid-tracker", Guid.NewGuid().ToString("N")),
            new Dictionary<string, string>
            {
                ["Tracker:UdpPort"] = UdpPort.ToString(),
                ["Tracker:RateLimit:Enabled"] = "false",
                ["Tracker:MaxNumWant"] = MaxNumWant.ToString(),
                ["Tracker:StatsReportPeriod"] = "00:00:00.500",
            });
        Client = Http.For(await silo.WaitForListeningAsync());
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (silo is not null)
        {
            await silo.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class TrackerSiloCollection : ICollectionFixture<TrackerSiloFixture>
{
    public const string Name = "tracker silo";
}
