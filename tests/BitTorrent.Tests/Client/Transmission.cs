using Swarmgrid.TestSupport;

namespace Swarmgrid.BitTorrent.Tests.Client;

/// <summary>transmission-cli as a loopback seed: no DHT, PEX or port mapping, encryption tolerated, its own config directory.</summary>
public static class Transmission
{
    private const string Cli = "/usr/bin/transmission-cli";

    public static bool IsInstalled => File.Exists(Cli);

    /// <summary>Seeds <paramref name="torrentPath"/> from <paramref name="directory"/>; it verifies the data, then announces.</summary>
    public static SeedProcess Seed(string torrentPath, string directory, string configDirectory) =>
        SeedProcess.Start(Cli, ["-w", directory, "-g", configDirectory, "-p", FreePort.Next().ToString(), "-et", "-M", "-U", torrentPath]);
}
