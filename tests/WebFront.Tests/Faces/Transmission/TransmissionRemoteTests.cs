using System.Text.RegularExpressions;
using Swarmgrid.TestSupport;

namespace Swarmgrid.WebFront.Tests;

/// <summary>
/// Debian's <c>transmission-remote</c> 3.00 against the embedded silo on loopback: it adds a .torrent file and a magnet
/// link, lists, shows, stops, starts and removes them (with and without their data), and its printed output says so.
/// </summary>
[Collection(EmbeddedSiloCollection.Name)]
public sealed class TransmissionRemoteTests(EmbeddedSiloFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    /// <summary>transmission-remote appends <c>/rpc/</c> to a URL it is given, as Sonarr appends <c>rpc</c> to its URL base.</summary>
    private string Url => new Uri(fixture.BaseAddress, "/transmission").ToString();

    [Fact]
    public async Task Remote_adds_lists_shows_stops_starts_and_removes()
    {
        var folder = Path.Combine(Path.GetTempPath(), "swarmgrid-transmission-remote", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "remote-file.torrent");
        await File.WriteAllBytesAsync(file, TorrentFixtures.SingleFileV1("remote-file.bin", 50_001, out var hash));
        var magnetHash = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(20));
        var magnet = $"magnet:?xt=urn:btih:{magnetHash}&dn=remote-magnet";

        var addedFile = await RemoteAsync("-a", file, "-w", Path.Combine(folder, "data"));
        var addedMagnet = await RemoteAsync("-a", magnet, "-w", Path.Combine(folder, "data"));
        var list = await RemoteAsync("-l");
        var id = IdOf(list, "remote-file.bin");
        var magnetId = IdOf(list, "remote-magnet");
        var info = await RemoteAsync("-t", id.ToString(), "-i");
        await RemoteAsync("-t", id.ToString(), "-S");
        var stopped = await RemoteAsync("-l");
        await RemoteAsync("-t", id.ToString(), "-s");
        var started = await RemoteAsync("-l");
        var removedMagnet = await RemoteAsync("-t", magnetId.ToString(), "-r");
        var removedFile = await RemoteAsync("-t", hash, "--remove-and-delete");
        var after = await RemoteAsync("-l");

        Assert.Contains("responded: \"success\"", addedFile);
        Assert.Contains("responded: \"success\"", addedMagnet);
        Assert.Matches(@"(?m)^\s+ID\s+Done\s+Have\s+ETA\s+Up\s+Down\s+Ratio\s+Status\s+Name$", list);
        Assert.Contains($"  Id: {id}\n", info);
        Assert.Contains("  Name: remote-file.bin\n", info);
        Assert.Contains($"  Hash: {hash}\n", info);
        Assert.Contains("  Total size: 50.00 kB", info);
        Assert.Matches($@"(?m)^\s+{id}\s.*\sStopped\s+remote-file\.bin$", stopped);
        Assert.DoesNotMatch($@"(?m)^\s+{id}\s.*\sStopped\s+remote-file\.bin$", started);
        Assert.Contains("responded: \"success\"", removedMagnet);
        Assert.Contains("responded: \"success\"", removedFile);
        Assert.DoesNotContain("remote-file.bin", after);
        Assert.DoesNotContain("remote-magnet", after);
        Assert.False(File.Exists(Path.Combine(folder, "data", "remote-file.bin")));
    }

    [Fact]
    public async Task Remote_with_a_wrong_password_is_refused()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ExternalCommand.RunAsync("transmission-remote",
            [Url, "-n", $"{EmbeddedSiloFixture.AdminUser}:wrong-password", "-l"], timeout: Deadline));

        Assert.Contains("401: Unauthorized", error.Message);
    }

    private Task<string> RemoteAsync(params string[] arguments) =>
        ExternalCommand.RunAsync("transmission-remote",
            [Url, "-n", $"{EmbeddedSiloFixture.AdminUser}:{EmbeddedSiloFixture.AdminPassword}", .. arguments], timeout: Deadline);

    private static int IdOf(string list, string name)
    {
        var row = Regex.Match(list, $@"(?m)^\s+(\d+)\*?\s.*\s{Regex.Escape(name)}$");
        Assert.True(row.Success, $"{name} is not in the list:\n{list}");
        return int.Parse(row.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
