using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Swarmgrid.TestSupport;

namespace Swarmgrid.WebFront.Tests;

/// <summary>
/// Behind a trusted proxy (127.0.0.1 here) every per-IP rule sees the client named by <c>X-Forwarded-For</c>; from an
/// unlisted address (127.0.0.2) the header is ignored. One test per consumer.
/// </summary>
public sealed class TrustedProxyTests(TrustedProxyTests.ProxiedSilo silo) : IClassFixture<TrustedProxyTests.ProxiedSilo>
{
    public sealed class ProxiedSilo : IAsyncLifetime
    {
        private SwarmgridProcess? process;

        public Uri BaseAddress { get; private set; } = null!;

        public HttpClient Admin { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            process = SwarmgridProcess.Start("Silo", "Swarmgrid.Silo", new Dictionary<string, string>
            {
                ["Swarmgrid:DataDir"] = Path.Combine(Path.GetTempPath(), "swarmgrid-proxy", Guid.NewGuid().ToString("N")),
                ["Orleans:SiloPort"] = FreePort.Next().ToString(),
                ["Orleans:GatewayPort"] = FreePort.Next().ToString(),
                ["Tracker:UdpPort"] = "0",
                ["Tracker:TrustedProxies:0"] = "127.0.0.1",
                // One permit a second after a burst of ten: twenty quick announces surely meet the limit.
                ["Tracker:RateLimit:PermitsPerSecond"] = "1",
                ["Auth:Bootstrap:Username"] = "admin",
                ["Auth:Bootstrap:Password"] = "proxy-admin-password",
                // Its login limit is on: the qBittorrent face's login must spend it too.
                ["Faces:Qbittorrent:Enabled"] = "true",
            });
            BaseAddress = await process.WaitForListeningAsync();
            Admin = new HttpClient { BaseAddress = BaseAddress };
            var token = await SignIn.TokenAsync(Admin, "admin", "proxy-admin-password", TimeSpan.FromSeconds(60));
            Admin.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        public async Task DisposeAsync()
        {
            Admin.Dispose();
            if (process is not null)
            {
                await process.DisposeAsync();
            }
        }
    }

    /// <summary>A client whose connections come from <paramref name="source"/> (any 127.x address is loopback).</summary>
    private HttpClient From(string source) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Parse(source), 0));
            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        },
    }) { BaseAddress = silo.BaseAddress };

    private static HttpRequestMessage Forwarded(HttpMethod method, string path, string client, object? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("X-Forwarded-For", $"198.51.100.250, {client}");
        return request;
    }

    [Fact]
    public async Task IpRules_SeeTheForwardedClient_OnlyThroughATrustedProxy()
    {
        var rules = await silo.Admin.PutAsJsonAsync("/api/v1/security/ip-rules", new { block = new[] { "203.0.113.66" } });
        using var proxy = From("127.0.0.1");
        using var stranger = From("127.0.0.2");

        var blocked = await proxy.SendAsync(Forwarded(HttpMethod.Get, "/healthz", "203.0.113.66"));
        var other = await proxy.SendAsync(Forwarded(HttpMethod.Get, "/healthz", "203.0.113.67"));
        var spoofed = await stranger.SendAsync(Forwarded(HttpMethod.Get, "/healthz", "203.0.113.66"));

        Assert.Equal(HttpStatusCode.OK, rules.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, blocked.StatusCode);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal(HttpStatusCode.OK, spoofed.StatusCode);
    }

    [Fact]
    public async Task LoginLimits_CountPerForwardedClient_OnlyThroughATrustedProxy()
    {
        using var proxy = From("127.0.0.1");
        using var stranger = From("127.0.0.2");
        var wrong = new { username = "admin", password = "wrong-password" };

        var first = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            first.Add((await proxy.SendAsync(Forwarded(HttpMethod.Post, "/api/v1/auth/login", "203.0.113.10", wrong))).StatusCode);
        }
        var anotherClient = await proxy.SendAsync(Forwarded(HttpMethod.Post, "/api/v1/auth/login", "203.0.113.11", wrong));
        var fromStranger = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            fromStranger.Add((await stranger.SendAsync(Forwarded(HttpMethod.Post, "/api/v1/auth/login", $"203.0.113.{20 + i}", wrong))).StatusCode);
        }

        Assert.All(first.Take(5), status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, first[5]);
        Assert.Equal(HttpStatusCode.Unauthorized, anotherClient.StatusCode);
        Assert.All(fromStranger.Take(5), status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, fromStranger[5]);
    }

    [Fact]
    public async Task QbittorrentLogin_SpendsTheSharedLoginLimit_AndARefusedCallerGets403AsABannedIp()
    {
        using var client = From("127.0.0.3");
        var wrong = new FormUrlEncodedContent([KeyValuePair.Create("username", "admin"), KeyValuePair.Create("password", "wrong-password")]);
        var answers = new List<(HttpStatusCode, string)>();
        for (var i = 0; i < 6; i++)
        {
            using var answer = await client.PostAsync("/api/v2/auth/login", wrong);
            answers.Add((answer.StatusCode, await answer.Content.ReadAsStringAsync()));
        }
        using var right = await client.PostAsync("/api/v2/auth/login",
            new FormUrlEncodedContent([KeyValuePair.Create("username", "admin"), KeyValuePair.Create("password", "proxy-admin-password")]));

        Assert.All(answers.Take(5), answer => Assert.Equal((HttpStatusCode.OK, "Fails."), answer));
        Assert.Equal(HttpStatusCode.Forbidden, answers[5].Item1);
        Assert.Contains("banned", answers[5].Item2, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, right.StatusCode);
    }

    [Fact]
    public async Task TrackerLimitsAndPeerAddresses_UseTheForwardedClient_OnlyThroughATrustedProxy()
    {
        using var proxy = From("127.0.0.1");
        using var stranger = From("127.0.0.2");
        var infoHash = string.Concat(Enumerable.Range(0, 20).Select(i => $"%{(i * 7 + 3) % 256:x2}"));
        string Announce(int peer) => $"/announce?info_hash={infoHash}&peer_id=-SG0001-{peer:D12}&port=6881&uploaded=0&downloaded=0&left=100&compact=1&numwant=50";

        var answers = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            answers.Add(await (await proxy.SendAsync(Forwarded(HttpMethod.Get, Announce(i), "203.0.113.30"))).Content.ReadAsStringAsync());
        }
        var anotherClient = await (await proxy.SendAsync(Forwarded(HttpMethod.Get, Announce(100), "203.0.113.31"))).Content.ReadAsByteArrayAsync();
        var strangerAnswers = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            strangerAnswers.Add(await (await stranger.SendAsync(Forwarded(HttpMethod.Get, Announce(200 + i), $"203.0.113.{40 + i}"))).Content.ReadAsStringAsync());
        }

        Assert.All(answers.Take(10), answer => Assert.DoesNotContain("failure reason", answer));
        Assert.Contains(answers.Skip(10), answer => answer.Contains("Rate limit exceeded", StringComparison.Ordinal));
        // The second client is not limited, and its answer lists the first client's real address, 203.0.113.30, port 6881.
        Assert.DoesNotContain("failure reason", System.Text.Encoding.Latin1.GetString(anotherClient));
        Assert.True(anotherClient.AsSpan().IndexOf(new byte[] { 203, 0, 113, 30, 0x1a, 0xe1 }) >= 0);
        // Twenty different forwarded addresses from an unlisted socket are one client to the limiter.
        Assert.All(strangerAnswers.Take(10), answer => Assert.DoesNotContain("failure reason", answer));
        Assert.Contains(strangerAnswers.Skip(10), answer => answer.Contains("Rate limit exceeded", StringComparison.Ordinal));
    }
}
