using System.CommandLine;
using Swarmgrid.BitTorrent.Metainfo;
using Swarmgrid.BitTorrent.Verification;

namespace Swarmgrid.Cli.Commands;

/// <summary>
/// <c>swarmgrid verify FILE PATH</c>: hashes the data against the torrent. PATH is the folder the torrent was
/// downloaded into, or the content itself. Exit code 0 only when every piece is good; 1 when any is bad or missing.
/// </summary>
public static class VerifyCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "The .torrent file" };
        var path = new Argument<string>("PATH") { Description = "The downloaded data: its folder, or the file or folder itself" };
        var command = new Command("verify", "Check downloaded data against a torrent's piece hashes") { file, path };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var torrent = TorrentFiles.Load(parse.GetValue(file)!);
            var directory = DownloadDirectory(torrent, parse.GetValue(path)!);
            var result = await ProgressDisplay.RunAsync("Verifying", torrent.TotalSize,
                progress => TorrentVerifier.VerifyAsync(torrent, directory, progress, cancellationToken: cancellationToken));
            Console.WriteLine($"{result.GoodCount} good, {result.BadCount} bad, {result.MissingCount} missing of {result.Pieces.Count} pieces");
            return result.IsComplete ? 0 : 1;
        });
        return command;
    }

    private static string DownloadDirectory(Torrent torrent, string path)
    {
        var full = Path.GetFullPath(path);
        if (File.Exists(full))
        {
            return Path.GetDirectoryName(full)!;
        }
        if (!Directory.Exists(full))
        {
            throw new CliError($"{path} does not exist");
        }
        var isContentFolder = torrent.Files.Count(f => !f.IsPad) > 1 && Path.GetFileName(full.TrimEnd(Path.DirectorySeparatorChar)) == torrent.Name;
        return isContentFolder ? Path.GetDirectoryName(full.TrimEnd(Path.DirectorySeparatorChar))! : full;
    }
}
