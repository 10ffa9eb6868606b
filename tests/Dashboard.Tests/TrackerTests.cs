using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.Playwright;

namespace Swarmgrid.Dashboard.Tests;

[Collection(DashboardCollection.Name)]
public sealed class TrackerTests(DashboardFixture fixture)
{
    [SkippableFact]
    public async Task ARegistrySearch_FindsAHybridEntry_WhoseMagnetNamesBothHashes()
    {
        var v2 = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var v1 = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
        var name = $"Climate dataset {Guid.NewGuid():N}"[..24];
        using (var admin = await fixture.AdminClientAsync())
        {
            var created = await admin.PostAsJsonAsync("/api/registry", new
            {
                info_hash = v2, v1_info_hash = v1, name, category = "datasets", publisher = "weightless-lab", license = "CC-BY-4.0",
                size = 236936515, tags = "climate,2026",
            });
            created.EnsureSuccessStatusCode();
        }

        var page = await fixture.NewPageAsync();
        await DashboardFixture.SignInAsync(page, path: "/tracker");
        await page.GetByLabel("Name").FillAsync(name);
        await page.GetByLabel("Category").First.FillAsync("datasets");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        var table = page.GetByRole(AriaRole.Table, new() { Name = "Registry entries" });
        await Assertions.Expect(table).ToContainTextAsync(name);
        await table.GetByRole(AriaRole.Button, new() { Name = name }).ClickAsync();

        var magnet = page.Locator("a.magnet");
        await Assertions.Expect(magnet).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex(
            $"^magnet:\\?xt=urn:btih:{v1}&xt=urn:btmh:1220{v2}&dn="));
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Delete entry" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".tile-value").First).Not.ToHaveTextAsync("…");
        await page.ScreenshotAsync(new() { Path = Path.Combine(DashboardFixture.Screenshots, "tracker.png"), FullPage = true });
    }
}
