using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Swarmgrid.WebFront.Tests;

/// <summary>Calls on the qBittorrent face as its clients make them: form posts, query strings, plain-text answers.</summary>
public static class Qbt
{
    public const string Prefix = "/api/v2";

    public static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)));

    public static async Task<(HttpStatusCode Status, string Body)> PostAsync(HttpClient client, string path, params (string Name, string Value)[] fields)
    {
        using var response = await client.PostAsync(Prefix + path, Form(fields));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public static async Task<(HttpStatusCode Status, string Body)> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(Prefix + path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public static async Task<JsonNode> JsonAsync(HttpClient client, string path)
    {
        var (status, body) = await GetAsync(client, path);
        Assert.True(status == HttpStatusCode.OK, $"{path}: {(int)status} {body}");
        return JsonNode.Parse(body)!;
    }

    public static async Task OkAsync(HttpClient client, string path, params (string Name, string Value)[] fields)
    {
        var (status, body) = await PostAsync(client, path, fields);
        Assert.True(status == HttpStatusCode.OK, $"{path}: {(int)status} {body}");
    }

    /// <summary>A client signed in on the face with its login route (the SID cookie).</summary>
    public static async Task<HttpClient> SignedInAsync(EmbeddedSiloFixture fixture)
    {
        var client = fixture.Anonymous(cookies: true);
        var (status, body) = await PostAsync(client, "/auth/login", ("username", EmbeddedSiloFixture.AdminUser), ("password", EmbeddedSiloFixture.AdminPassword));
        Assert.Equal((HttpStatusCode.OK, "Ok."), (status, body));
        return client;
    }

    public static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    /// <summary>Uploads .torrent bytes through <c>torrents/add</c> with the given extra fields.</summary>
    public static async Task<(HttpStatusCode Status, string Body)> AddFileAsync(HttpClient client, byte[] torrent, params (string Name, string Value)[] fields)
    {
        using var content = new MultipartFormDataContent();
        content.Add(new ByteArrayContent(torrent), "torrents", "file.torrent");
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }
        using var response = await client.PostAsync(Prefix + "/torrents/add", content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Polls <c>torrents/info?hashes=</c> until <paramref name="until"/> holds for the torrent, within <paramref name="deadline"/>.</summary>
    public static async Task<JsonObject> WaitForAsync(HttpClient client, string hash, Func<JsonObject, bool> until, TimeSpan deadline, string what)
    {
        var end = DateTime.UtcNow + deadline;
        JsonObject? last = null;
        while (DateTime.UtcNow < end)
        {
            var list = (await JsonAsync(client, $"/torrents/info?hashes={hash}")).AsArray();
            if (list.Count == 1 && (last = list[0]!.AsObject()) is { } torrent && until(torrent))
            {
                return torrent;
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"{what} did not happen within {deadline}; last: {last?.ToJsonString()}");
    }
}
