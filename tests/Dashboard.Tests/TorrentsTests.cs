using Microsoft.Playwright;
using Swarmgrid.TestSupport;
using Swarmgrid.WebFront.Tests;

namespace Swarmgrid.Dashboard.Tests;

/// <summary>
/// The torrents page against a real swarm: a libtorrent seed on loopback announces to the embedded silo's tracker, the
/// page adds its .torrent through the file picker, and the row's progress bar fills from the hub's events alone.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class TorrentsTests(DashboardFixture fixture) : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly string scratch = Directory.CreateTempSubdirectory("swarmgrid-dashboard-torrents-").FullName;

    [SkippableFact]
    public async Task ATorrentFile_SeededOnLoopback_FillsItsProgressBar_WithoutAReload()
    {
        LibtorrentSeed.Require();
        var content = Path.Combine(scratch, "seed", "dashboard-demo.bin");
        Directory.CreateDirectory(Path.GetDirectoryName(content)!);
        await File.WriteAllBytesAsync(content, RandomBytes(3 << 20));
        var torrentFile = Path.Combine(scratch, "dashboard-demo.torrent");
        var announce = new Uri(fixture.BaseAddress, "/announce").ToString();
        // Slow enough that the bar is seen part-way; fast enough to finish in seconds.
        await using var seed = await LibtorrentSeed.StartAsync([announce], [(content, torrentFile)], uploadLimit: 768 << 10, lifetime: TimeSpan.FromMinutes(3));
        var infoHash = seed.InfoHashes[0];
        await seed.WaitForAsync(l => l == "seeding 0", Deadline);
        await fixture.WaitForTrackerSeedAsync(infoHash, Deadline);

        var page = await fixture.NewPageAsync();
        await DashboardFixture.SignInAsync(page, path: "/torrents");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Torrents" })).ToBeVisibleAsync();
        await page.EvaluateAsync("() => { window.__sameDocument = true; }");
        await page.GetByLabel("Torrent file").SetInputFilesAsync(torrentFile);

        var row = page.Locator($"tr[data-infohash='{infoHash}']");
        await Assertions.Expect(row).ToContainTextAsync("dashboard-demo.bin", new() { Timeout = 15_000 });
        await Assertions.Expect(row.Locator(".progress-text")).ToHaveTextAsync("100%", new() { Timeout = (float)Deadline.TotalMilliseconds });
        Assert.Equal(1.0, await row.Locator("progress").EvaluateAsync<double>("p => p.value"));
        await Assertions.Expect(row).ToContainTextAsync("seeding");
        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "the page was reloaded");
        await page.ScreenshotAsync(new() { Path = Path.Combine(DashboardFixture.Screenshots, "torrents.png") });

        // The inspector follows torrent:{infohash}: its files arrive as torrent.detail events.
        await row.GetByRole(AriaRole.Button, new() { Name = "dashboard-demo.bin", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "Files" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Priority of dashboard-demo.bin")).ToHaveValueAsync("normal");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Trackers" }).ClickAsync();
        await Assertions.Expect(page.Locator("#inspector-panel")).ToContainTextAsync("/announce");
        await page.ScreenshotAsync(new() { Path = Path.Combine(DashboardFixture.Screenshots, "torrent-inspector.png") });

        // Removing it through the dialog takes the row away, again from the feed.
        await page.GetByRole(AriaRole.Button, new() { Name = "Close the inspector" }).ClickAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = "Delete dashboard-demo.bin" }).ClickAsync();
        await page.GetByLabel("Also delete the downloaded data").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete torrent and data" }).ClickAsync();
        await Assertions.Expect(row).ToHaveCountAsync(0);
    }

    [SkippableFact]
    public async Task AMagnetLink_AddedOnThePage_AppearsLive_AndPausesAndResumes()
    {
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(20));
        var page = await fixture.NewPageAsync();
        await DashboardFixture.SignInAsync(page, path: "/torrents");

        await page.GetByLabel("Magnet link").FillAsync($"magnet:?xt=urn:btih:{hash}&dn=magnet-{hash[..8]}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add magnet" }).ClickAsync();
        var row = page.Locator($"tr[data-infohash='{hash}']");
        await Assertions.Expect(row).ToContainTextAsync($"magnet-{hash[..8]}");

        await row.GetByRole(AriaRole.Button, new() { Name = "Pause " }).ClickAsync();
        await Assertions.Expect(row.Locator(".state")).ToHaveTextAsync("paused");
        await row.GetByRole(AriaRole.Button, new() { Name = "Resume " }).ClickAsync();
        await Assertions.Expect(row.Locator(".state")).Not.ToHaveTextAsync("paused");

        await row.GetByRole(AriaRole.Button, new() { Name = "Delete " }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete torrent", Exact = true }).ClickAsync();
        await Assertions.Expect(row).ToHaveCountAsync(0);
    }

    [SkippableFact]
    public async Task OnAPhone_TheTorrentsPage_StaysUsable()
    {
        var page = await fixture.NewPageAsync(390, 844);
        await DashboardFixture.SignInAsync(page, path: "/torrents");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Add magnet" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[aria-busy='true']")).ToHaveCountAsync(0);
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, "the page scrolls sideways on a phone");
        await page.ScreenshotAsync(new() { Path = Path.Combine(DashboardFixture.Screenshots, "torrents-phone.png"), FullPage = true });
    }

    private static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        new Random(12).NextBytes(bytes);
        return bytes;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(scratch, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
