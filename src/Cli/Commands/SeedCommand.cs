using System.CommandLine;

namespace Swarmgrid.Cli.Commands;

/// <summary>
/// <c>swarmgrid seed TORRENT DIR</c>: checks the data in DIR, then seeds it until interrupted (or until
/// <c>--seed-ratio</c>/<c>--seed-time</c>). Exit code 1 when the data is incomplete.
/// </summary>
public static class SeedCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("TORRENT") { Description = "The .torrent file" };
        var directory = new Argument<string>("DIR") { Description = "The folder holding the torrent's data" };
        var seedRatio = new Option<double>("--seed-ratio") { Description = "Stop once uploaded/size reaches this" };
        var seedTime = new Option<int>("--seed-time") { Description = "Stop after this many seconds" };
        var port = new Option<int>("--port") { Description = "TCP port for incoming peers (0: any free port)" };
        var bind = new Option<string?>("--bind") { Description = "Address to listen and connect from, e.g. 127.0.0.1" };
        var network = new NetworkOptions();
        var command = new Command("seed", "Seed a torrent's data with the built-in engine") { file, directory, seedRatio, seedTime, port, bind };
        network.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var torrent = TorrentFiles.Load(parse.GetValue(file)!);
            var folder = Path.GetFullPath(parse.GetValue(directory)!);
            if (!Directory.Exists(folder))
            {
                throw new CliError($"{folder} does not exist");
            }
            await using var engine = EngineRun.CreateEngine(parse.GetValue(port), parse.GetValue(bind), network.Read(parse));
            var manager = engine.Add(torrent, folder);
            Console.WriteLine($"listening on port {engine.ListenPort}");
            var complete = await EngineRun.RunAsync(engine, manager, parse.GetValue(seedRatio), parse.GetValue(seedTime), requireComplete: false, cancellationToken);
            return complete ? 0 : 1;
        });
        return command;
    }
}
