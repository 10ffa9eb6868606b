using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Swarmgrid.TestSupport;

namespace Swarmgrid.Dashboard.Tests;

/// <summary>
/// One embedded Swarmgrid and one headless Debian chromium (driven by Playwright; no browser can be downloaded here)
/// for the assembly. Each test opens its own browser context, so cookies never leak between tests.
/// </summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    public const string AdminUser = "admin";
    public const string AdminPassword = "dashboard-admin-password";
    public const string ChromiumPath = "/usr/bin/chromium";

    private SwarmgridProcess? silo;
    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Where screenshots go: <c>docs/screenshots</c> of the repository.</summary>
    public static string Screenshots { get; } = Path.Combine(Repository.Root, "docs", "screenshots");

    public async Task InitializeAsync()
    {
        TestEnvironment.Require(File.Exists(ChromiumPath), "Debian's chromium is not installed");
        silo = SwarmgridProcess.Start("Silo", "Swarmgrid.Silo", new Dictionary<string, string>
        {
            ["Swarmgrid:DataDir"] = Path.Combine(Path.GetTempPath(), "swarmgrid-dashboard", Guid.NewGuid().ToString("N")),
            ["Orleans:SiloPort"] = FreePort.Next().ToString(),
            ["Orleans:GatewayPort"] = FreePort.Next().ToString(),
            ["Tracker:UdpPort"] = "0",
            ["Tracker:RateLimit:Enabled"] = "false",
            ["Auth:Bootstrap:Username"] = AdminUser,
            ["Auth:Bootstrap:Password"] = AdminPassword,
            ["Auth:LoginRateLimit:Enabled"] = "false",
        });
        BaseAddress = await silo.WaitForListeningAsync();
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        });
        Directory.CreateDirectory(Screenshots);
    }

    public async Task<IPage> NewPageAsync(int width = 1280, int height = 800)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        context.SetDefaultTimeout(15_000);
        // Live updates travel grain → feed → hub → page; on a loaded 2-core machine that can take longer than the
        // assertions' default 5 s.
        Assertions.SetDefaultExpectTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>Signs in through the login page and waits for the signed-in shell.</summary>
    public static async Task SignInAsync(IPage page, string user = AdminUser, string password = AdminPassword, string path = "/")
    {
        await page.GotoAsync(path);
        await page.GetByLabel("Username or email").FillAsync(user);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
    }

    /// <summary>An HTTP client signed in as the admin with a bearer token (no cookies, so no CSRF token needed).</summary>
    public async Task<HttpClient> AdminClientAsync()
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { username = AdminUser, password = AdminPassword });
        login.EnsureSuccessStatusCode();
        var token = (string)JsonNode.Parse(await login.Content.ReadAsStringAsync())!["access_token"]!;
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Creates a user of <paramref name="role"/> with its own email; answers the email to sign in with.</summary>
    public async Task<string> CreateUserAsync(string role, string password)
    {
        using var admin = await AdminClientAsync();
        var email = $"{role}-{Guid.NewGuid():N}@example.test";
        var created = await admin.PostAsJsonAsync("/api/v1/users", new { email, password, full_name = "Dashboard " + role, role });
        Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        return email;
    }

    /// <summary>Waits until the embedded tracker's scrape counts a seed of <paramref name="infoHash"/>.</summary>
    public async Task WaitForTrackerSeedAsync(string infoHash, TimeSpan timeout)
    {
        var escaped = string.Concat(Convert.FromHexString(infoHash).Select(b => $"%{b:X2}"));
        using var client = new HttpClient { BaseAddress = BaseAddress };
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            var body = await client.GetByteArrayAsync($"/scrape?info_hash={escaped}", deadline.Token);
            var at = body.AsSpan().IndexOf("8:completei"u8);
            if (at >= 0 && body[at + "8:completei".Length] is >= (byte)'1' and <= (byte)'9')
            {
                return;
            }
            await Task.Delay(200, deadline.Token);
        }
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        playwright?.Dispose();
        if (silo is not null)
        {
            await silo.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardFixture>
{
    public const string Name = "dashboard";
}
