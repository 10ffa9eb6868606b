using System.Text.RegularExpressions;
using Swarmgrid.TestSupport;

namespace Swarmgrid.BitTorrent.Tests.Interop;

/// <summary>The Debian transmission-show program; it reads v1 torrents only.</summary>
public static partial class TransmissionShow
{
    private const string Program = "/usr/bin/transmission-show";

    public static void Require() =>
        TestEnvironment.Require(File.Exists(Program), "transmission-show not found (apt-get install transmission-cli)");

    /// <summary>The info-hash transmission-show prints for a torrent.</summary>
    public static async Task<string> InfoHashAsync(string torrentPath)
    {
        var output = await ExternalCommand.RunAsync(Program, [torrentPath]);
        return HashLine().Match(output) is { Success: true } match
            ? match.Groups[1].Value
            : throw new InvalidOperationException("transmission-show printed no hash:\n" + output);
    }

    [GeneratedRegex(@"^\s*Hash(?: v1)?:\s*([0-9a-f]{40})\s*$", RegexOptions.Multiline)]
    private static partial Regex HashLine();
}
