using Microsoft.Playwright;
using Swarmgrid.WebFront.Tests;

namespace Swarmgrid.Dashboard.Tests;

[Collection(DashboardCollection.Name)]
public sealed class SecurityTests(DashboardFixture fixture)
{
    private const string Password = "a-long-enough-security-password";

    [SkippableFact]
    public async Task EnrollingMfa_ShowsAQrCode_AndTheNextSignInAsksForACode()
    {
        var email = await fixture.CreateUserAsync("operator", Password);
        var page = await fixture.NewPageAsync();
        await DashboardFixture.SignInAsync(page, email, Password, "/security");

        await page.GetByRole(AriaRole.Button, new() { Name = "Set up an authenticator app" }).ClickAsync();
        var qr = page.GetByRole(AriaRole.Img, new() { Name = "QR code to scan with an authenticator app" });
        await Assertions.Expect(qr).ToBeVisibleAsync();
        Assert.True(await qr.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), "the QR code did not render");
        var secret = await page.GetByTestId("mfa-secret").InnerTextAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(DashboardFixture.Screenshots, "security-mfa.png") });
        await page.GetByLabel("Code from the app").FillAsync(Totp.Code(secret));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Recovery codes (shown once")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.GetByLabel("Username or email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Code")).ToBeVisibleAsync();
    }

    [SkippableFact]
    public async Task AnAdmin_SeesUsersSessionsAndTheAuditLog_AndCreatesAnApiKey()
    {
        var page = await fixture.NewPageAsync();
        await DashboardFixture.SignInAsync(page, path: "/security");

        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Users" })).ToContainTextAsync(DashboardFixture.AdminUser);
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Sessions" }).Locator("tbody tr").First).ToBeVisibleAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("dashboard-test-key");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        await Assertions.Expect(page.Locator("code.secret")).ToContainTextAsync("sgk_");
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "API keys" })).ToContainTextAsync("dashboard-test-key");
        // The key's creation is an audit entry: it arrives over the security topic.
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Security audit log" })).ToContainTextAsync("api_key_created");
        await page.ScreenshotAsync(new() { Path = Path.Combine(DashboardFixture.Screenshots, "security.png"), FullPage = true });
    }
}
