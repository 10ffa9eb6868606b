using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Swarmgrid.TestSupport;

public static class Http
{
    public static HttpClient For(Uri baseAddress) => new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(15) };

    /// <summary>Logs in as the bootstrap superadmin (created moments after start) and sends its token from then on.</summary>
    public static async Task<HttpClient> SignedInAsync(this HttpClient client)
    {
        string? token = null;
        var signedIn = await EventuallyAsync(async () =>
        {
            var response = await client.PostAsJsonAsync("/api/v1/auth/login",
                new { username = SiloProcesses.AdminUser, password = SiloProcesses.AdminPassword });
            token = response.IsSuccessStatusCode ? (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["access_token"] : null;
            return token is not null;
        }, TimeSpan.FromSeconds(60));
        Assert.True(signedIn, "the bootstrap superadmin could not log in");
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static async Task<JsonNode> PutOverrideAsync(this HttpClient client, string key, JsonNode value)
    {
        var response = await client.PutAsJsonAsync($"/api/settings/overrides/{key}", new JsonObject { ["value"] = value });
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    public static async Task<JsonNode?> GetSettingAsync(this HttpClient client, string key)
    {
        var body = JsonNode.Parse(await client.GetStringAsync("/api/settings"))!;
        return body["items"]!.AsArray().SingleOrDefault(item => (string?)item!["key"] == key);
    }

    /// <summary>Retries <paramref name="attempt"/> until it returns true or the time is up; returns the last error for the report.</summary>
    public static async Task<bool> EventuallyAsync(Func<Task<bool>> attempt, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await attempt())
                {
                    return true;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // The cluster is still converging; try again.
            }
            await Task.Delay(500);
        }
        return false;
    }
}
