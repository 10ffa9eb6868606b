using Swarmgrid.TestSupport;
using System.Text.Json.Nodes;

namespace Swarmgrid.Silo.Tests;

public sealed class EmbeddedModeTests
{
    [Fact]
    public async Task SettingWrittenOverHttp_SurvivesAProcessRestart()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "swarmgrid-embedded", Guid.NewGuid().ToString("N"));

        await using (var first = SiloProcesses.StartEmbedded(dataDirectory))
        {
            using var client = await Http.For(await first.WaitForListeningAsync()).SignedInAsync();
            await client.PutOverrideAsync("max_concurrent_downloads", 17);
            await first.StopAsync();
            Assert.Equal(0, first.ExitCode);
        }

        await using var second = SiloProcesses.StartEmbedded(dataDirectory);
        using var again = await Http.For(await second.WaitForListeningAsync()).SignedInAsync();
        var setting = await again.GetSettingAsync("max_concurrent_downloads");
        Assert.Equal(17, (int)setting!["value"]!);
        Assert.True((bool)setting["overridden"]!);
        var audit = JsonNode.Parse(await again.GetStringAsync("/api/settings/audit"))!["items"]!.AsArray();
        Assert.Contains(audit, item => (string?)item!["key"] == "max_concurrent_downloads" && (int?)item["new_value"] == 17);
        Assert.True(File.Exists(Path.Combine(dataDirectory, "swarmgrid.db")));
    }

    [Fact]
    public async Task TransmissionFace_IsOffUnlessEnabled()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "swarmgrid-embedded", Guid.NewGuid().ToString("N"));

        await using var silo = SiloProcesses.StartEmbedded(dataDirectory);
        using var client = Http.For(await silo.WaitForListeningAsync());
        var response = await client.PostAsync("/transmission/rpc", new StringContent("""{"method":"session-get"}"""));

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        Assert.False(response.Headers.Contains("X-Transmission-Session-Id"));
    }

    [Fact]
    public async Task FacesConfiguredOntoTheSameRoute_RefuseToStart()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "swarmgrid-embedded", Guid.NewGuid().ToString("N"));

        await using var silo = SiloProcesses.StartEmbedded(dataDirectory, new Dictionary<string, string> { ["Faces:Platform:Prefix"] = "/" });
        var exitCode = await silo.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Configuration error: Two faces claim the same route", silo.Output);
        Assert.Contains("GET /health", silo.Output);
    }

    [Fact]
    public async Task WebFront_WithoutAClusterToJoin_ExplainsAndExits()
    {
        await using var webFront = Swarmgrid.TestSupport.SwarmgridProcess.Start("WebFront", "Swarmgrid.WebFront", new Dictionary<string, string>());

        Assert.Equal(2, await webFront.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("Configuration error: the web front is a client of a cluster", webFront.Output);
    }
}
