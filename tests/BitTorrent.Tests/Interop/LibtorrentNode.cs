using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Swarmgrid.BitTorrent.Tests.Interop;

/// <summary>
/// A libtorrent session on loopback (lt_node.py under /usr/bin/python3) that the test configures with JSON and then
/// watches line by line: its port, which torrents seed, which peers each torrent is connected to, DHT samples.
/// Killed on dispose; everything it printed goes into failure messages.
/// </summary>
public sealed class LibtorrentNode : IAsyncDisposable
{
    private readonly Process process;
    private readonly List<string> lines = [];
    private readonly SemaphoreSlim changed = new(0);

    private LibtorrentNode(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, e) => Record(e.Data);
        process.ErrorDataReceived += (_, e) => Record(e.Data is null ? null : "stderr " + e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>The TCP (and DHT UDP) port libtorrent listens on.</summary>
    public int Port { get; private set; }

    public IPEndPoint Endpoint => new(IPAddress.Loopback, Port);

    /// <summary>Everything printed so far.</summary>
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

    /// <summary>
    /// Starts a session. <paramref name="torrents"/> are objects with <c>torrent</c> (a path) or <c>magnet</c>,
    /// <c>save</c> and optional <c>peers</c>; <paramref name="settings"/> override libtorrent settings.
    /// </summary>
    public static async Task<LibtorrentNode> StartAsync(IEnumerable<object> torrents, IReadOnlyDictionary<string, object>? settings = null,
        string listen = "127.0.0.1:0", IEnumerable<string>? dhtNodes = null, int lifetimeSeconds = 120)
    {
        Libtorrent.Require();
        var config = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["listen"] = listen,
            ["settings"] = settings ?? new Dictionary<string, object>(),
            ["torrents"] = torrents.ToArray(),
            ["dht_nodes"] = dhtNodes?.ToArray() ?? [],
            ["lifetime"] = lifetimeSeconds,
        });
        var info = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Interop", "lt_node.py"));
        info.ArgumentList.Add(config);
        var node = new LibtorrentNode(Process.Start(info)!);
        var listening = await node.WaitForAsync(l => l.StartsWith("listening ", StringComparison.Ordinal), TimeSpan.FromSeconds(20));
        node.Port = int.Parse(listening.Split(' ')[1], CultureInfo.InvariantCulture);
        return node;
    }

    /// <summary>A torrent given by path, saved to (or seeded from) <paramref name="save"/>.</summary>
    public static object Torrent(string path, string save, params string[] peers) => new { torrent = path, save, peers };

    /// <summary>A magnet link, saved to <paramref name="save"/>.</summary>
    public static object Magnet(string uri, string save, params string[] peers) => new { magnet = uri, save, peers };

    /// <summary>Writes a command line to the session (<c>connect I HOST:PORT</c>, <c>sample HOST PORT</c>, ...).</summary>
    public async Task SendAsync(string command)
    {
        await process.StandardInput.WriteLineAsync(command);
        await process.StandardInput.FlushAsync();
    }

    /// <summary>Waits for torrent <paramref name="index"/> to seed.</summary>
    public Task WaitUntilSeedingAsync(int index, TimeSpan timeout) => WaitForAsync(l => l == $"seeding {index}", timeout);

    /// <summary>Waits until torrent <paramref name="index"/> is connected to peers on all of <paramref name="ports"/>.</summary>
    public Task WaitForPeersAsync(int index, TimeSpan timeout, params int[] ports) =>
        WaitForAsync(l => l.StartsWith($"peers {index}", StringComparison.Ordinal) && ports.All(p => l.Split(' ').Skip(2).Any(e => e.EndsWith($":{p}", StringComparison.Ordinal))), timeout);

    /// <summary>The first line, printed so far or later, that matches; a <see cref="TimeoutException"/> with the output otherwise.</summary>
    public async Task<string> WaitForAsync(Func<string, bool> match, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        var seen = 0;
        while (true)
        {
            lock (lines)
            {
                for (; seen < lines.Count; seen++)
                {
                    if (match(lines[seen]))
                    {
                        return lines[seen];
                    }
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
