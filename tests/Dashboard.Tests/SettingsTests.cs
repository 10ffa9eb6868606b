using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace Swarmgrid.Dashboard.Tests;

[Collection(DashboardCollection.Name)]
public sealed class SettingsTests(DashboardFixture fixture)
{
    [SkippableFact]
    public async Task ChangingALimit_IsAppliedByTheApi_AndAChangeElsewhereArrivesLive()
    {
        var page = await fixture.NewPageAsync();
        await DashboardFixture.SignInAsync(page, path: "/settings");
        var upload = page.GetByLabel("Upload limit", new() { Exact = true });
        await Assertions.Expect(upload).ToBeEditableAsync();

        await upload.FillAsync("4321");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save limits" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Speed limits saved");

        using var admin = await fixture.AdminClientAsync();
        var limits = JsonNode.Parse(await admin.GetStringAsync("/client/api/settings/limits"))!;
        Assert.Equal(4321, (long)limits["up_kbps"]!);
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Settings audit log" })).ToContainTextAsync("4321");

        // Someone else changes it: the settings topic brings the new value without a reload.
        await page.EvaluateAsync("() => { window.__sameDocument = true; }");
        var put = await admin.PutAsJsonAsync("/client/api/settings/limits", new { up_kbps = 2222 });
        put.EnsureSuccessStatusCode();
        await Assertions.Expect(upload).ToHaveValueAsync("2222");
        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "the page was reloaded");
        await page.ScreenshotAsync(new() { Path = Path.Combine(DashboardFixture.Screenshots, "settings.png"), FullPage = true });

        await admin.PutAsJsonAsync("/client/api/settings/limits", new { up_kbps = 0 });
    }
}
