using Microsoft.Playwright;

namespace Swarmgrid.Dashboard.Tests;

[Collection(DashboardCollection.Name)]
public sealed class LoginTests(DashboardFixture fixture)
{
    [SkippableFact]
    public async Task Opening_TheRoot_ShowsTheLogin_AndSigningIn_ShowsTheOverview()
    {
        var page = await fixture.NewPageAsync();

        await page.GotoAsync("/");
        await page.GetByLabel("Username or email").FillAsync(DashboardFixture.AdminUser);
        await page.GetByLabel("Password").FillAsync(DashboardFixture.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("healthy")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(DashboardFixture.Screenshots, "overview.png") });
    }

    [SkippableFact]
    public async Task AWrongPassword_SaysSo_AndTheFirstStartHintIsThere()
    {
        var page = await fixture.NewPageAsync();

        await page.GotoAsync("/");
        await page.GetByLabel("Username or email").FillAsync(DashboardFixture.AdminUser);
        await page.GetByLabel("Password").FillAsync("not-the-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("invalid credentials");
        await page.GetByText("First start?").ClickAsync();
        await Assertions.Expect(page.GetByText("one-time password", new() { Exact = false }).First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(DashboardFixture.Screenshots, "login.png") });
    }
}
