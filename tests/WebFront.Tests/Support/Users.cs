using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Swarmgrid.WebFront.Tests;

/// <summary>Creates throwaway users through the admin API, each with its own email.</summary>
public static class Users
{
    public const string Password = "a-long-enough-password";

    public static async Task<(string Id, string Email)> CreateAsync(HttpClient admin, string role)
    {
        var email = $"{role}-{Guid.NewGuid():N}@example.test";
        var response = await admin.PostAsJsonAsync("/api/v1/users", new { email, password = Password, full_name = "Test " + role, role });
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return ((string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!, email);
    }

    public static async Task<JsonNode> LoginAsync(HttpClient client, string email, string password = Password)
    {
        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password });
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    public static HttpRequestMessage Bearer(HttpMethod method, string path, string token, object? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return request;
    }
}
