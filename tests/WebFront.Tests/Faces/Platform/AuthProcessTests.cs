using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Swarmgrid.TestSupport;

namespace Swarmgrid.WebFront.Tests;

/// <summary>Identity behaviour that needs its own silo: login limits, IP rules, the first start.</summary>
public sealed partial class AuthProcessTests
{
    private static SwarmgridProcess StartSilo(string dataDirectory, Dictionary<string, string>? extra = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["Swarmgrid:DataDir"] = dataDirectory,
            ["Orleans:SiloPort"] = FreePort.Next().ToString(),
            ["Orleans:GatewayPort"] = FreePort.Next().ToString(),
            ["Tracker:UdpPort"] = "0",
        };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }
        return SwarmgridProcess.Start("Silo", "Swarmgrid.Silo", settings);
    }

    private static string NewDataDirectory() => Path.Combine(Path.GetTempPath(), "swarmgrid-auth", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task LoginBruteForce_HitsTheLimit_With429AndRetryAfter12()
    {
        await using var silo = StartSilo(NewDataDirectory(), new() { ["Auth:Bootstrap:Username"] = "admin", ["Auth:Bootstrap:Password"] = "right-password-1" });
        using var client = new HttpClient { BaseAddress = await silo.WaitForListeningAsync() };

        var statuses = new List<HttpResponseMessage>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add(await client.PostAsJsonAsync("/client/api/login", new { username = "admin", password = "wrong" }));
        }
        var withRightPassword = await client.PostAsJsonAsync("/client/api/login", new { username = "admin", password = "right-password-1" });

        Assert.All(statuses.Take(5), r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[5].StatusCode);
        Assert.Equal("12", statuses[5].Headers.GetValues("Retry-After").Single());
        Assert.Equal("{\"error\":\"too many login attempts\"}", await statuses[5].Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.TooManyRequests, withRightPassword.StatusCode);
    }

    [Fact]
    public async Task FirstStart_WithoutBootstrapPassword_LogsAOneTimePasswordOnce_ThatLogsIn()
    {
        var dataDirectory = NewDataDirectory();
        string password;
        await using (var first = StartSilo(dataDirectory))
        {
            using var client = new HttpClient { BaseAddress = await first.WaitForListeningAsync() };
            Assert.True(await EventuallyAsync(() => OneTimePassword().IsMatch(first.Output), TimeSpan.FromSeconds(30)), first.Output);
            password = OneTimePassword().Match(first.Output).Groups[1].Value;
            var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { username = "admin", password });
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
            Assert.Equal("superadmin", (string?)(await login.Content.ReadFromJsonAsync<JsonObject>())!["user"]!["role"]);
            await first.StopAsync();
        }

        await using var second = StartSilo(dataDirectory);
        using var again = new HttpClient { BaseAddress = await second.WaitForListeningAsync() };
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.DoesNotMatch(OneTimePassword(), second.Output);
        Assert.Equal(HttpStatusCode.OK, (await again.PostAsJsonAsync("/api/v1/auth/login", new { username = "admin", password })).StatusCode);
    }

    [Fact]
    public async Task IpRule_BlockingTheCallersRange_ShutsEveryFace()
    {
        await using var silo = StartSilo(NewDataDirectory(), new() { ["Auth:Bootstrap:Username"] = "admin", ["Auth:Bootstrap:Password"] = "right-password-1" });
        using var client = new HttpClient { BaseAddress = await silo.WaitForListeningAsync() };
        var token = await SignIn.TokenAsync(client, "admin", "right-password-1", TimeSpan.FromSeconds(60));
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);

        var invalid = await client.PutAsJsonAsync("/api/v1/security/ip-rules", new { allow = Array.Empty<string>(), block = new[] { "not-an-ip" } });
        var blocked = await client.PutAsJsonAsync("/api/v1/security/ip-rules", new { allow = Array.Empty<string>(), block = new[] { "127.0.0.0/8" } });
        var afterwards = new[] { "/api/settings", "/healthz", "/api/registry/search", "/api/v1/auth/me" }
            .Select(path => client.GetAsync(path)).ToList();

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal(HttpStatusCode.OK, blocked.StatusCode);
        foreach (var response in await Task.WhenAll(afterwards))
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
    }

    private static async Task<bool> EventuallyAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (condition())
            {
                return true;
            }
            await Task.Delay(250);
        }
        return condition();
    }

    [GeneratedRegex(@"one-time password (\S+)")]
    private static partial Regex OneTimePassword();
}
