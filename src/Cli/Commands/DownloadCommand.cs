using System.CommandLine;
using System.Net;
using Spectre.Console;
using Swarmgrid.BitTorrent.Client;
using Swarmgrid.BitTorrent.Dht;
using Swarmgrid.BitTorrent.Discovery;
using Swarmgrid.BitTorrent.Encryption;
using Swarmgrid.BitTorrent.Magnet;

namespace Swarmgrid.Cli.Commands;

/// <summary>
/// <c>swarmgrid download TORRENT|MAGNET -o DIR</c>: the engine on its own, without a silo. Exit code 0 only when
/// every wanted piece is verified; then seeds until <c>--seed-ratio</c> or <c>--seed-time</c> is reached.
/// </summary>
public static class DownloadCommand
{
    public static Command Create()
    {
        var source = new Argument<string>("SOURCE") { Description = "A .torrent file or a magnet link" };
        var output = new Option<string>("--output", "-o") { Description = "Folder to download into", DefaultValueFactory = _ => "." };
        var seedRatio = new Option<double>("--seed-ratio") { Description = "Keep seeding until uploaded/size reaches this" };
        var seedTime = new Option<int>("--seed-time") { Description = "Keep seeding this many seconds" };
        var port = new Option<int>("--port") { Description = "TCP port for incoming peers (0: any free port)" };
        var bind = new Option<string?>("--bind") { Description = "Address to listen and connect from, e.g. 127.0.0.1" };
        var peers = new Option<string[]>("--peer") { Description = "A peer (host:port) to connect to besides the trackers'", AllowMultipleArgumentsPerToken = true };
        var network = new NetworkOptions();
        var command = new Command("download", "Download a torrent or magnet link with the built-in engine") { source, output, seedRatio, seedTime, port, bind, peers };
        network.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var directory = Path.GetFullPath(parse.GetValue(output)!);
            Directory.CreateDirectory(directory);
            await using var engine = EngineRun.CreateEngine(parse.GetValue(port), parse.GetValue(bind), network.Read(parse));
            var text = parse.GetValue(source)!;
            var manager = text.StartsWith("magnet:", StringComparison.OrdinalIgnoreCase)
                ? engine.Add(ParseMagnet(text), directory)
                : engine.Add(TorrentFiles.Load(text), directory);
            foreach (var peer in parse.GetValue(peers) ?? [])
            {
                manager.AddPeer(EngineRun.ParseEndpoint(peer));
            }
            var verified = await EngineRun.RunAsync(engine, manager, parse.GetValue(seedRatio), parse.GetValue(seedTime), requireComplete: true, cancellationToken);
            return verified ? 0 : 1;
        });
        return command;
    }

    private static MagnetLink ParseMagnet(string text) =>
        MagnetLink.TryParse(text, out var link) ? link! : throw new CliError("the magnet link is not valid");
}

/// <summary>Runs an engine with a progress bar until a torrent completes, then seeds as asked.</summary>
internal static class EngineRun
{
    public static ClientEngine CreateEngine(int port, string? bind, NetworkChoices network)
    {
        IPAddress? address = null;
        if (bind is not null && !IPAddress.TryParse(bind, out address))
        {
            throw new CliError($"--bind {bind} is not an IP address");
        }
        if (port is < 0 or > 65535)
        {
            throw new CliError($"--port {port} is not a port");
        }
        var engine = new ClientEngine(new EngineSettings
        {
            ListenPort = port,
            ListenAddress = address ?? IPAddress.IPv6Any,
            Encryption = network.Encryption,
            Dht = network.Dht,
            LocalDiscovery = network.LocalDiscovery ? new LocalDiscoverySettings() : null,
        });
        try
        {
            engine.StartListening();
        }
        catch (System.Net.Sockets.SocketException ex)
        {
            throw new CliError($"cannot listen on port {port}: {ex.Message}");
        }
        if (engine.Dht is { LocalEndPoint: { } dht })
        {
            Console.WriteLine($"DHT node {engine.Dht.LocalId} on UDP port {dht.Port}");
        }
        return engine;
    }

    public static IPEndPoint ParseEndpoint(string text) =>
        IPEndPoint.TryParse(text, out var endpoint) && endpoint.Port > 0 ? endpoint : throw new CliError($"--peer {text} is not host:port");

    /// <summary>True when every wanted piece was verified.</summary>
    public static async Task<bool> RunAsync(ClientEngine engine, TorrentManager manager, double seedRatio, int seedTime, bool requireComplete,
        CancellationToken cancellationToken)
    {
        await manager.StartAsync();
        var complete = false;
        try
        {
            await AnsiConsole.Progress()
                .AutoClear(false)
                .HideCompleted(false)
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask(Describe(manager, manager.GetStats()), maxValue: 1000);
                    while (!manager.Completion.IsCompleted)
                    {
                        await Task.WhenAny(manager.Completion, Task.Delay(500, cancellationToken));
                        cancellationToken.ThrowIfCancellationRequested();
                        var stats = manager.GetStats();
                        task.Value = stats.Progress * 1000;
                        task.Description = Describe(manager, stats);
                    }
                    await manager.Completion;
                    complete = true;
                    task.Value = 1000;
                    task.Description = Describe(manager, manager.GetStats());
                    var seedingSince = DateTime.UtcNow;
                    var size = Math.Max(1, manager.GetStats().WantedBytes);
                    while ((seedRatio > 0 && (double)manager.GetStats().Uploaded / size < seedRatio)
                        || (seedTime > 0 && (DateTime.UtcNow - seedingSince).TotalSeconds < seedTime)
                        || (!requireComplete && seedRatio <= 0 && seedTime <= 0))
                    {
                        await Task.Delay(500, cancellationToken);
                        task.Description = Describe(manager, manager.GetStats());
                    }
                });
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (IOException ex)
        {
            throw new CliError($"storage failed: {ex.Message}", 1);
        }
        var final = manager.GetStats();
        await engine.RemoveAsync(manager);
        if (final.MissingFiles.Count > 0)
        {
            await Console.Error.WriteLineAsync($"swarmgrid: files missing since the last run, fetched again: {string.Join(", ", final.MissingFiles)}");
        }
        Console.WriteLine($"{final.VerifiedPieces} of {final.PieceCount} pieces verified, {Sizes.Human(final.Downloaded)} down, {Sizes.Human(final.Uploaded)} up, {final.HashFailures} hash failures");
        return complete;
    }

    private static string Describe(TorrentManager manager, TorrentStats stats)
    {
        var remaining = stats.WantedBytes - stats.VerifiedWantedBytes;
        var eta = stats.DownloadRate > 0 && remaining > 0 ? TimeSpan.FromSeconds(remaining / stats.DownloadRate).ToString(@"hh\:mm\:ss") : "--:--:--";
        var name = Markup.Escape(manager.Torrent?.Name ?? manager.InfoHashes.Primary.ToHex()[..8]);
        return $"{name} [grey]{stats.State}[/] {Sizes.Human(stats.DownloadRate)}/s down {Sizes.Human(stats.UploadRate)}/s up {stats.Peers} peers ({stats.Seeds} seeds) ETA {eta}";
    }
}

/// <summary>What <see cref="NetworkOptions"/> read: the encryption policy, the DHT if on, local discovery.</summary>
internal sealed record NetworkChoices(EncryptionPolicy Encryption, DhtSettings? Dht, bool LocalDiscovery);

/// <summary>
/// <c>--encryption prefer|require|off</c>, <c>--dht</c>, <c>--dht-bootstrap HOST:PORT</c>..., <c>--dht-state FILE</c> and <c>--lsd</c>,
/// shared by the commands that run the engine.
/// </summary>
internal sealed class NetworkOptions
{
    private readonly Option<string> encryption = new("--encryption")
    {
        Description = "Message stream encryption: prefer (default), require or off",
        DefaultValueFactory = _ => "prefer",
    };

    private readonly Option<bool> dht = new("--dht") { Description = "Find peers through the DHT too (BEP 5)" };

    private readonly Option<string[]> bootstrap = new("--dht-bootstrap")
    {
        Description = "A DHT node (host:port) to join through; implies --dht. None by default",
        AllowMultipleArgumentsPerToken = true,
    };

    private readonly Option<string?> state = new("--dht-state") { Description = "A file that keeps the DHT node id and routing table between runs" };

    private readonly Option<bool> lsd = new("--lsd") { Description = "Announce and find peers on the local network (BEP 14 multicast)" };

    public void AddTo(Command command)
    {
        command.Options.Add(encryption);
        command.Options.Add(dht);
        command.Options.Add(bootstrap);
        command.Options.Add(state);
        command.Options.Add(lsd);
    }

    public NetworkChoices Read(ParseResult parse)
    {
        var policy = parse.GetValue(encryption)!.ToLowerInvariant() switch
        {
            "prefer" => EncryptionPolicy.Prefer,
            "require" => EncryptionPolicy.Require,
            "off" => EncryptionPolicy.Off,
            var other => throw new CliError($"--encryption {other} is not prefer, require or off"),
        };
        var nodes = parse.GetValue(bootstrap) ?? [];
        foreach (var node in nodes)
        {
            var colon = node.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(node[(colon + 1)..], out var port) || port is <= 0 or > 65535)
            {
                throw new CliError($"--dht-bootstrap {node} is not host:port");
            }
        }
        var statePath = parse.GetValue(state);
        var on = parse.GetValue(dht) || nodes.Length > 0 || statePath is not null;
        return new NetworkChoices(policy, on ? new DhtSettings { BootstrapNodes = nodes, StatePath = statePath } : null, parse.GetValue(lsd));
    }
}
