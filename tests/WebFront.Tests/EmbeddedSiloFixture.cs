using Swarmgrid.TestSupport;

namespace Swarmgrid.WebFront.Tests;

/// <summary>One embedded Swarmgrid process for the assembly, reached over HTTP on an ephemeral port.</summary>
public sealed class EmbeddedSiloFixture : IAsyncLifetime
{
    private SwarmgridProcess? process;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        process = SwarmgridProcess.Start("Silo", "Swarmgrid.Silo", new Dictionary<string, string>
        {
            ["Swarmgrid:DataDir"] = Path.Combine(Path.GetTempPath(), "swarmgrid-api-tests", Guid.NewGuid().ToString("N")),
            ["Orleans:SiloPort"] = FreePort.Next().ToString(),
            ["Orleans:GatewayPort"] = FreePort.Next().ToString(),
            ["Tracker:UdpPort"] = "0",
            ["Tracker:RateLimit:Enabled"] = "false",
        });
        Client = new HttpClient { BaseAddress = await process.WaitForListeningAsync(), Timeout = TimeSpan.FromSeconds(15) };
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (process is not null)
        {
            await process.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class EmbeddedSiloCollection : ICollectionFixture<EmbeddedSiloFixture>
{
    public const string Name = "embedded silo";
}
