using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Swarmgrid.TestSupport;

namespace Swarmgrid.WebFront.Tests;

/// <summary>
/// A real libtorrent seed on loopback (Support/lt_seed.py under /usr/bin/python3): it makes a v1 torrent of each path,
/// announcing to the given tracker, and seeds it; the test watches its output line by line. Killed on dispose.
/// </summary>
public sealed class LibtorrentSeed : IAsyncDisposable
{
    private const string Python = "/usr/bin/python3";

    private static readonly Lazy<bool> Present = new(() =>
    {
        try
        {
            return File.Exists(Python) && ExternalCommand.RunAsync(Python, ["-c", "import libtorrent"]).Wait(TimeSpan.FromSeconds(20));
        }
        catch (AggregateException)
        {
            return false;
        }
    });

    private readonly Process process;
    private readonly List<string> lines = [];
    private readonly SemaphoreSlim changed = new(0);

    private LibtorrentSeed(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, e) => Record(e.Data);
        process.ErrorDataReceived += (_, e) => Record(e.Data is null ? null : "stderr " + e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>The v1 info-hash (lower-case hex) of each torrent, in the order given.</summary>
    public IReadOnlyList<string> InfoHashes { get; private set; } = [];

    public string Output
    {
        get
        {
            lock (lines)
            {
                return string.Join('\n', lines);
            }
        }
    }

    public static void Require() =>
        TestEnvironment.Require(Present.Value, "libtorrent Python bindings not found (apt-get install python3-libtorrent)");

    /// <summary>
    /// Seeds each of <paramref name="torrents"/> (a content path and where to write its .torrent, announcing to
    /// <paramref name="trackers"/>, one tier each) until <paramref name="lifetime"/>.
    /// </summary>
    public static async Task<LibtorrentSeed> StartAsync(IReadOnlyList<string> trackers, IEnumerable<(string Path, string TorrentOut)> torrents,
        long uploadLimit, TimeSpan lifetime)
    {
        Require();
        var specs = torrents.Select(t => new { path = t.Path, @out = t.TorrentOut }).ToArray();
        var config = JsonSerializer.Serialize(new { trackers, torrents = specs, upload_limit = uploadLimit, lifetime = (int)lifetime.TotalSeconds });
        var info = new ProcessStartInfo(Python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Support", "lt_seed.py"));
        info.ArgumentList.Add(config);
        var seed = new LibtorrentSeed(Process.Start(info)!);
        await seed.WaitForAsync(l => l.StartsWith("listening ", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        seed.InfoHashes = [.. Enumerable.Range(0, specs.Length).Select(i =>
            seed.Lines().First(l => l.StartsWith($"torrent {i} ", StringComparison.Ordinal)).Split(' ')[2])];
        return seed;
    }

    /// <summary>Changes the seed's upload limit (bytes per second, 0 for none).</summary>
    public Task LimitAsync(long bytesPerSecond) => SendAsync($"limit {bytesPerSecond.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>The peers torrent <paramref name="index"/> is connected to now (from its latest report).</summary>
    public IReadOnlyList<string> PeersOf(int index) =>
        Lines().LastOrDefault(l => l.StartsWith($"peers {index}", StringComparison.Ordinal))?.Split(' ').Skip(2).ToList() ?? [];

    public async Task<string> WaitForAsync(Func<string, bool> match, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        var seen = 0;
        while (true)
        {
            var all = Lines();
            for (; seen < all.Count; seen++)
            {
                if (match(all[seen]))
                {
                    return all[seen];
                }
            }
            try
            {
                await changed.WaitAsync(TimeSpan.FromMilliseconds(200), deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"libtorrent did not print what was expected in {timeout.TotalSeconds} s:\n{Output}");
            }
        }
    }

    private async Task SendAsync(string command)
    {
        await process.StandardInput.WriteLineAsync(command);
        await process.StandardInput.FlushAsync();
    }

    private List<string> Lines()
    {
        lock (lines)
        {
            return [.. lines];
        }
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (lines)
        {
            lines.Add(line);
        }
        changed.Release();
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
        changed.Dispose();
    }
}
