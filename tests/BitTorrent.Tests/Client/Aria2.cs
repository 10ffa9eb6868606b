using System.Diagnostics;

namespace Swarmgrid.BitTorrent.Tests.Client;

/// <summary>aria2c as a loopback-only peer: no DHT, LPD, PEX or encryption, IPv4 on 127.0.0.1.</summary>
public sealed class Aria2 : IAsyncDisposable
{
    private readonly Process process;
    private readonly Task<string> output;

    private Aria2(Process process)
    {
        this.process = process;
        output = Task.WhenAll(process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync()).ContinueWith(t => string.Concat(t.Result));
    }

    public static bool IsInstalled => File.Exists("/usr/bin/aria2c");

    public static Aria2 Start(string torrentPath, string directory, int seedTimeSeconds, bool checkIntegrity)
    {
        var info = new ProcessStartInfo("/usr/bin/aria2c")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--enable-dht=false", "--bt-enable-lpd=false", "--enable-peer-exchange=false", "--bt-require-crypto=false",
            "--disable-ipv6=true", "--interface=127.0.0.1", "--bt-external-ip=127.0.0.1", "--file-allocation=none",
            $"--listen-port={Swarmgrid.TestSupport.FreePort.Next()}", "-d", directory, "--seed-ratio=0.0",
            $"--seed-time={seedTimeSeconds}", $"--check-integrity={(checkIntegrity ? "true" : "false")}", "--summary-interval=0",
            torrentPath,
        })
        {
            info.ArgumentList.Add(argument);
        }
        return new Aria2(Process.Start(info)!);
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"aria2c did not finish in time:\n{await output}");
        }
        return process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }
}
