using Swarmgrid.TestSupport;

namespace Swarmgrid.WebFront.Tests;

/// <summary>One embedded Swarmgrid process for the assembly, reached over HTTP on an ephemeral port.</summary>
public sealed class EmbeddedSiloFixture : IAsyncLifetime
{
    private SwarmgridProcess? process;

    public const string AdminUser = "admin";
    public const string AdminPassword = "test-admin-password";
    public const string SigningKey = "test-signing-key-of-at-least-32-bytes!!";

    /// <summary>The blocklist body cap of the embedded process (<c>Blocklist:MaxBytes</c>).</summary>
    public const int BlocklistMaxBytes = 256 * 1024;

    /// <summary>Signed in as the bootstrap superadmin with a bearer token.</summary>
    public HttpClient Client { get; private set; } = null!;

    /// <summary>Everything the silo process has logged so far.</summary>
    public string Output => process?.Output ?? "";

    public Uri BaseAddress { get; private set; } = null!;

    public string AdminToken { get; private set; } = "";

    /// <summary>A client with no credentials, sharing nothing with <see cref="Client"/>.</summary>
    public HttpClient Anonymous(bool cookies = false) =>
        new(new HttpClientHandler { UseCookies = cookies, CookieContainer = new System.Net.CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = BaseAddress,
            Timeout = TimeSpan.FromSeconds(15),
        };

    /// <summary>The fake TMDB the silo's posters come from (timeout 2 s).</summary>
    public FakeTmdbServer Tmdb { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Tmdb = await FakeTmdbServer.StartAsync();
        process = SwarmgridProcess.Start("Silo", "Swarmgrid.Silo", new Dictionary<string, string>
        {
            ["Library:Tmdb:BaseUrl"] = Tmdb.BaseAddress.ToString(),
            ["Library:Tmdb:ApiKey"] = FakeTmdbServer.ApiKey,
            ["Library:Tmdb:TimeoutSeconds"] = "2",
            ["Swarmgrid:DataDir"] = Path.Combine(Path.GetTempPath(), "swarmgrid-api-tests", Guid.NewGuid().ToString("N")),
            ["Orleans:SiloPort"] = FreePort.Next().ToString(),
            ["Orleans:GatewayPort"] = FreePort.Next().ToString(),
            ["Tracker:UdpPort"] = "0",
            ["Tracker:RateLimit:Enabled"] = "false",
            ["Auth:Bootstrap:Username"] = AdminUser,
            ["Auth:Bootstrap:Password"] = AdminPassword,
            ["Auth:LoginRateLimit:Enabled"] = "false",
            ["Auth:Jwt:SigningKey"] = SigningKey,
            // User-given URLs (the blocklist, RSS feeds) may reach the tests' servers on loopback; lists are capped small.
            ["Outbound:AllowLoopback"] = "true",
            ["Blocklist:MaxBytes"] = BlocklistMaxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Faces:Transmission:Enabled"] = "true",
            // The qBittorrent face is off by default; its tests need it.
            ["Faces:Qbittorrent:Enabled"] = "true",
        });
        BaseAddress = await process.WaitForListeningAsync();
        Client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(15) };
        AdminToken = await SignIn.TokenAsync(Client, AdminUser, AdminPassword, TimeSpan.FromSeconds(60));
        Client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AdminToken);
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (process is not null)
        {
            await process.DisposeAsync();
        }
        await Tmdb.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class EmbeddedSiloCollection : ICollectionFixture<EmbeddedSiloFixture>
{
    public const string Name = "embedded silo";
}
