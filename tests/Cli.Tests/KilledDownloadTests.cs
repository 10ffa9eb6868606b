using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Swarmgrid.TestSupport;

namespace Swarmgrid.Cli.Tests;

/// <summary>
/// <c>swarmgrid download</c> killed with SIGKILL in the middle of a download from an aria2c seed keeps the pieces it
/// had verified: the next run fetches only the rest.
/// </summary>
public sealed partial class KilledDownloadTests : IDisposable
{
    private const int FileSize = 48 << 20;
    private const int PieceSize = 256 << 10;
    private const int Pieces = FileSize / PieceSize;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(240);
    private readonly string work = Directory.CreateTempSubdirectory("swarmgrid-kill-").FullName;

    public void Dispose() => Directory.Delete(work, recursive: true);

    [SkippableFact]
    public async Task A_download_killed_midway_resumes_keeping_its_verified_pieces()
    {
        TestEnvironment.Require(File.Exists("/usr/bin/aria2c"), "aria2c is not installed");
        var seedDir = Directory.CreateDirectory(Path.Combine(work, "seed")).FullName;
        var leechDir = Directory.CreateDirectory(Path.Combine(work, "leech")).FullName;
        var content = new byte[FileSize];
        new Random(31).NextBytes(content);
        await File.WriteAllBytesAsync(Path.Combine(seedDir, "data.bin"), content);
        var torrent = Path.Combine(work, "data.torrent");
        Assert.Equal(0, (await SwarmgridCommand.RunAsync("create", Path.Combine(seedDir, "data.bin"), "--v1", "--piece-size", "256K", "-o", torrent)).ExitCode);
        var seedPort = FreePort.Next();
        // The seed is slowed to 2 MiB/s: the 48 MiB take about 24 s, so several of the engine's 5-second resume saves land
        // before the end and the first run is surely killed part-way, even on a loaded machine.
        using var seed = Start("/usr/bin/aria2c", "--enable-dht=false", "--bt-enable-lpd=false", "--enable-peer-exchange=false",
            "--disable-ipv6=true", "--interface=127.0.0.1", "--file-allocation=none", $"--listen-port={seedPort}", "-d", seedDir,
            "--seed-ratio=0.0", "--check-integrity=true", "--max-overall-upload-limit=2M", "--summary-interval=0", torrent);
        try
        {
            using (var first = Start("dotnet", Repository.BuiltAssembly("Cli", "swarmgrid"), "download", torrent, "-o", leechDir, "--bind", "127.0.0.1",
                "--peer", $"127.0.0.1:{seedPort}"))
            {
                await WaitForAsync(() => VerifiedInResume(leechDir) >= Pieces / 4, first);
                first.Kill();
                await first.WaitForExitAsync();
            }
            var kept = VerifiedInResume(leechDir);
            Assert.InRange(kept, Pieces / 4, Pieces - 1);

            var second = await SwarmgridCommand.RunAsync("download", torrent, "-o", leechDir, "--bind", "127.0.0.1", "--peer", $"127.0.0.1:{seedPort}");

            Assert.Equal(0, second.ExitCode);
            Assert.Equal(SHA256.HashData(content), SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(leechDir, "data.bin"))));
            var downloaded = DownloadedBytes(second.Output);
            // The printed figure has two decimals, so it may read a little above the exact count.
            Assert.InRange(downloaded, 1, (long)(Pieces - kept) * PieceSize + (64 << 10));
            Assert.True(downloaded < FileSize);
        }
        finally
        {
            seed.Kill();
            await seed.WaitForExitAsync();
        }
    }

    private static Process Start(string file, params string[] arguments)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        var process = Process.Start(info)!;
        // Drain the pipes so the process never blocks on a full one.
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        return process;
    }

    private static async Task WaitForAsync(Func<bool> condition, Process running)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        while (!condition())
        {
            Assert.False(running.HasExited, "the download ended before it could be killed");
            await Task.Delay(100, deadline.Token);
        }
    }

    /// <summary>Pieces set in the <c>pieces</c> bitfield of the resume file (a bencoded dictionary), 0 while there is none.</summary>
    private static int VerifiedInResume(string directory)
    {
        var path = Directory.GetFiles(directory, ".*.resume").FirstOrDefault();
        if (path is null)
        {
            return 0;
        }
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (IOException)
        {
            return 0;
        }
        var key = "6:pieces"u8;
        var at = bytes.AsSpan().IndexOf(key);
        if (at < 0)
        {
            return 0;
        }
        var start = at + key.Length;
        var colon = bytes.AsSpan(start).IndexOf((byte)':');
        var length = int.Parse(Encoding.ASCII.GetString(bytes, start, colon), CultureInfo.InvariantCulture);
        return bytes.AsSpan(start + colon + 1, length).ToArray().Sum(b => BitOperations.PopCount(b));
    }

    /// <summary>Reads <c>… 12.5 MiB down …</c> from the command's closing line.</summary>
    private static long DownloadedBytes(string output)
    {
        var match = DownLine().Match(output);
        Assert.True(match.Success, output);
        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var unit = Array.IndexOf(["B", "KiB", "MiB", "GiB"], match.Groups[2].Value);
        return (long)(value * Math.Pow(1024, unit));
    }

    [GeneratedRegex(@"pieces verified, ([0-9.]+) (B|KiB|MiB|GiB) down")]
    private static partial Regex DownLine();
}
