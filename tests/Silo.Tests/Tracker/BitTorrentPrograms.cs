using System.Diagnostics;

namespace Swarmgrid.Silo.Tests.Tracker;

/// <summary>Real BitTorrent programs from Debian packages, configured for loopback with DHT/LSD/PEX off.</summary>
public static class BitTorrentPrograms
{
    public const string Aria2 = "/usr/bin/aria2c";
    public const string TransmissionCli = "/usr/bin/transmission-cli";

    /// <summary>aria2c uses UDP trackers only with DHT on; no DHT node is known on loopback, so DHT finds nobody.</summary>
    public static Process StartAria2(string directory, string torrent, int listenPort, bool seed, bool dhtForUdpTrackers = false)
    {
        var arguments = new List<string>
        {
            $"--enable-dht={(dhtForUdpTrackers ? "true" : "false")}", $"--dht-listen-port={listenPort + 1}",
            "--bt-enable-lpd=false", "--enable-peer-exchange=false", "--bt-require-crypto=false", "--disable-ipv6=true",
            "--interface=127.0.0.1", "--bt-external-ip=127.0.0.1", "--file-allocation=none", "--summary-interval=0",
            "--console-log-level=warn", $"--listen-port={listenPort}", "-d", directory,
        };
        arguments.AddRange(seed ? ["--check-integrity=true", "--seed-ratio=0.0", "--seed-time=2"] : ["--seed-time=0"]);
        arguments.Add(torrent);
        return Start(Aria2, arguments);
    }

    /// <summary>transmission-cli seeds (it never dials peers on 127.x, so it cannot leech here).</summary>
    public static Process StartTransmissionSeed(string directory, string configDirectory, string torrent, int port) =>
        Start(TransmissionCli, ["-w", directory, "-g", configDirectory, "-p", port.ToString(), "-et", "-M", "-U", torrent]);

    private static Process Start(string file, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    public static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
        process.WaitForExit();
        process.Dispose();
    }
}
