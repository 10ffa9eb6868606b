using Microsoft.Playwright;

namespace Swarmgrid.Dashboard.Tests;

[Collection(DashboardCollection.Name)]
public sealed class RolesAndSessionTests(DashboardFixture fixture)
{
    private const string Password = "a-long-enough-viewer-password";

    [SkippableFact]
    public async Task AViewer_SeesNoWriteButtons()
    {
        var viewer = await fixture.CreateUserAsync("viewer", Password);
        var page = await fixture.NewPageAsync();
        await DashboardFixture.SignInAsync(page, viewer, Password, "/torrents");

        await Assertions.Expect(page.GetByText("· viewer")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Torrents" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Columnheader, new() { Name = "Name" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Add magnet" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Add .torrent file…" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Columnheader, new() { Name = "Actions" })).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Link, new() { Name = "Settings" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Upload limit", new() { Exact = true })).ToBeDisabledAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save limits" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Add a rule" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Set" })).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = Path.Combine(DashboardFixture.Screenshots, "settings-viewer.png") });

        await page.GetByRole(AriaRole.Link, new() { Name = "Tracker" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Search" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Upload to the registry" })).ToHaveCountAsync(0);
    }

    [SkippableFact]
    public async Task ARemovedSession_ReturnsToTheLogin()
    {
        var page = await fixture.NewPageAsync();
        await DashboardFixture.SignInAsync(page, path: "/torrents");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Torrents" })).ToBeVisibleAsync();

        await page.Context.ClearCookiesAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Settings" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Username or email")).ToBeVisibleAsync();
    }

    [SkippableFact]
    public async Task TheThemeToggle_IsRemembered()
    {
        var page = await fixture.NewPageAsync();
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await DashboardFixture.SignInAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Switch to the light theme" }).ClickAsync();
        await page.ReloadAsync();

        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", "light");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Switch to the dark theme" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(DashboardFixture.Screenshots, "overview-light.png") });
    }
}
