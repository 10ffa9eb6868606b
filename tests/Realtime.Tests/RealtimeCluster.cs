using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Swarmgrid.TestSupport;

namespace Swarmgrid.Realtime.Tests;

/// <summary>Two silos and two web fronts on one Postgres database, with the bootstrap admin signed in on each front.</summary>
public sealed class RealtimeCluster : IAsyncLifetime
{
    private readonly List<SwarmgridProcess> processes = [];

    public string Postgres { get; private set; } = "";

    public string ClusterId { get; } = "realtime-" + Guid.NewGuid().ToString("N")[..8];

    public SwarmgridProcess SiloA { get; private set; } = null!;

    public SwarmgridProcess SiloB { get; private set; } = null!;

    public int SiloPortA { get; private set; }

    public SwarmgridProcess FrontA { get; private set; } = null!;

    public SwarmgridProcess FrontB { get; private set; } = null!;

    public Uri FrontAddressA { get; private set; } = null!;

    public Uri FrontAddressB { get; private set; } = null!;

    public HttpClient AdminA { get; private set; } = null!;

    public HttpClient AdminB { get; private set; } = null!;

    public string AdminToken { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Postgres = await TestPostgres.CreateDatabaseAsync();
        SiloA = Track(SiloProcesses.StartClusterSilo(Postgres, ClusterId, out var portA));
        SiloPortA = portA;
        SiloB = Track(SiloProcesses.StartClusterSilo(Postgres, ClusterId, out _));
        await Task.WhenAll(SiloA.WaitForListeningAsync(), SiloB.WaitForListeningAsync());
        FrontA = Track(SiloProcesses.StartWebFront(Postgres, ClusterId, new Dictionary<string, string> { ["Auth:LoginRateLimit:Enabled"] = "false" }));
        FrontB = Track(SiloProcesses.StartWebFront(Postgres, ClusterId, new Dictionary<string, string> { ["Auth:LoginRateLimit:Enabled"] = "false" }));
        FrontAddressA = await FrontA.WaitForListeningAsync();
        FrontAddressB = await FrontB.WaitForListeningAsync();
        AdminA = await Http.For(FrontAddressA).SignedInAsync();
        AdminB = await Http.For(FrontAddressB).SignedInAsync();
        AdminToken = AdminB.DefaultRequestHeaders.Authorization!.Parameter!;
    }

    public SwarmgridProcess Track(SwarmgridProcess process)
    {
        processes.Add(process);
        return process;
    }

    /// <summary>Creates a user of <paramref name="role"/> through front A and returns its access token.</summary>
    public async Task<string> TokenForNewUserAsync(string role)
    {
        var email = $"{role}-{Guid.NewGuid():N}@example.test";
        (await AdminA.PostAsJsonAsync("/api/v1/users", new { email, password = "a-long-enough-password", role })).EnsureSuccessStatusCode();
        var login = await AdminA.PostAsJsonAsync("/api/v1/auth/login", new { email, password = "a-long-enough-password" });
        login.EnsureSuccessStatusCode();
        return (string)JsonNode.Parse(await login.Content.ReadAsStringAsync())!["access_token"]!;
    }

    public async Task DisposeAsync()
    {
        AdminA?.Dispose();
        AdminB?.Dispose();
        foreach (var process in processes.AsEnumerable().Reverse())
        {
            await process.DisposeAsync();
        }
    }
}
