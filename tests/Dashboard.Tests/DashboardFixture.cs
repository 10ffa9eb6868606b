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
        return await context.NewPageAsync();
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
