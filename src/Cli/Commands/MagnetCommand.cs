using System.CommandLine;
using Swarmgrid.BitTorrent.Magnet;

namespace Swarmgrid.Cli.Commands;

/// <summary><c>swarmgrid magnet FILE</c>: the magnet link of a .torrent (both hashes for a hybrid).</summary>
public static class MagnetCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "The .torrent file" };
        var command = new Command("magnet", "Print the magnet link of a torrent") { file };
        command.SetAction(parse =>
        {
            Console.WriteLine(MagnetLink.FromTorrent(TorrentFiles.Load(parse.GetValue(file)!)).ToString());
            return 0;
        });
        return command;
    }
}
