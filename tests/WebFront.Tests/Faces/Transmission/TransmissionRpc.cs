using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Swarmgrid.WebFront.Tests;

/// <summary>A Transmission RPC client as Sonarr's: Basic credentials, the 409 session-id handshake, one JSON request per POST.</summary>
public sealed class TransmissionRpc(Uri baseAddress, string path, string user, string password) : IDisposable
{
    public const string SessionHeader = "X-Transmission-Session-Id";

    private readonly HttpClient http = new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    private string sessionId = "";

    public Uri Url => new(http.BaseAddress!, path);

    public static TransmissionRpc Admin(Uri baseAddress) =>
        new(baseAddress, "/transmission/rpc", EmbeddedSiloFixture.AdminUser, EmbeddedSiloFixture.AdminPassword);

    public static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    /// <summary>Sends a raw body, learning the session id from a 409 once; the last answer.</summary>
    public async Task<HttpResponseMessage> PostRawAsync(string body)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Authorization = Basic(user, password);
            request.Headers.Add(SessionHeader, sessionId);
            var response = await http.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.Conflict || attempt > 0)
            {
                return response;
            }
            sessionId = response.Headers.GetValues(SessionHeader).Single();
        }
    }

    /// <summary>Calls a method; the whole answer (<c>arguments</c>, <c>result</c>, <c>tag</c>), asserting HTTP 200.</summary>
    public async Task<JsonObject> CallAsync(string method, object? arguments = null, int? tag = null)
    {
        var request = new JsonObject { ["method"] = method };
        if (arguments is not null)
        {
            request["arguments"] = arguments as JsonNode ?? JsonSerializer.SerializeToNode(arguments);
        }
        if (tag is { } t)
        {
            request["tag"] = t;
        }
        var response = await PostRawAsync(request.ToJsonString());
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{method}: HTTP {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>Calls a method that must succeed; its <c>arguments</c>.</summary>
    public async Task<JsonObject> OkAsync(string method, object? arguments = null)
    {
        var answer = await CallAsync(method, arguments);
        Assert.True((string?)answer["result"] == "success", $"{method}: {answer.ToJsonString()}");
        return answer["arguments"]!.AsObject();
    }

    public async Task<JsonArray> TorrentsAsync(object? ids, params string[] fields)
    {
        var arguments = new JsonObject { ["fields"] = new JsonArray(fields.Select(f => (JsonNode?)f).ToArray()) };
        if (ids is not null)
        {
            arguments["ids"] = JsonSerializer.SerializeToNode(ids);
        }
        return (await OkAsync("torrent-get", arguments))["torrents"]!.AsArray();
    }

    /// <summary>Adds a .torrent (base64 metainfo) paused into its own temp folder; the torrent-added or torrent-duplicate object.</summary>
    public async Task<JsonObject> AddPausedAsync(byte[] torrent, string[]? labels = null)
    {
        var arguments = new JsonObject
        {
            ["metainfo"] = Convert.ToBase64String(torrent),
            ["paused"] = true,
            ["download-dir"] = Path.Combine(Path.GetTempPath(), "swarmgrid-transmission-tests", Guid.NewGuid().ToString("N")),
        };
        if (labels is not null)
        {
            arguments["labels"] = new JsonArray(labels.Select(l => (JsonNode?)l).ToArray());
        }
        var added = await OkAsync("torrent-add", arguments);
        return (added["torrent-added"] ?? added["torrent-duplicate"])!.AsObject();
    }

    public void Dispose() => http.Dispose();
}
