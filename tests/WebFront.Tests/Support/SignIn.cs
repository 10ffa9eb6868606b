using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Swarmgrid.WebFront.Tests;

public static class SignIn
{
    /// <summary>Logs in on the platform face (retrying while the bootstrap user is being created) and returns the access token.</summary>
    public static async Task<string> TokenAsync(HttpClient client, string username, string password, TimeSpan? wait = null)
    {
        var deadline = DateTime.UtcNow + (wait ?? TimeSpan.Zero);
        while (true)
        {
            var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { username, password });
            if (response.IsSuccessStatusCode)
            {
                return (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["access_token"]!;
            }
            Assert.True(DateTime.UtcNow < deadline, $"login as {username} failed: {(int)response.StatusCode}");
            await Task.Delay(500);
        }
    }
}
