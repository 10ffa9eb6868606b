using Swarmgrid.TestSupport;

namespace Swarmgrid.BitTorrent.Tests.Interop;

/// <summary>The Debian mktorrent program (v1 only).</summary>
public static class Mktorrent
{
    private const string Program = "/usr/bin/mktorrent";

    public static void Require() => TestEnvironment.Require(File.Exists(Program), "mktorrent not found (apt-get install mktorrent)");

    public static Task CreateAsync(string path, string output, int pieceLengthLog2, params string[] extra) =>
        ExternalCommand.RunAsync(Program,
            ["-a", "http://tracker.example/announce", "-l", pieceLengthLog2.ToString(), "-o", output, "-t", "2", .. extra, path]);
}
