using System.CommandLine;
using System.Globalization;
using Swarmgrid.BitTorrent.Creation;
using Swarmgrid.BitTorrent.Metainfo;

namespace Swarmgrid.Cli.Commands;

/// <summary><c>swarmgrid create PATH [--v1|--v2|--hybrid] [--tracker URL]... [--web-seed URL]... [--piece-size N] [--private] [--comment TEXT] -o FILE</c>.</summary>
public static class CreateCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("PATH") { Description = "File or folder to make a torrent of" };
        var v1 = new Option<bool>("--v1") { Description = "BitTorrent v1 only (SHA-1 pieces)" };
        var v2 = new Option<bool>("--v2") { Description = "BitTorrent v2 only (BEP 52 merkle trees)" };
        var hybrid = new Option<bool>("--hybrid") { Description = "v1 and v2 in one torrent (the default)" };
        var trackers = new Option<string[]>("--tracker", "-t") { Description = "Announce URL; each one is its own tier", AllowMultipleArgumentsPerToken = false };
        var webSeeds = new Option<string[]>("--web-seed", "-w") { Description = "Web seed URL (BEP 19)" };
        var pieceSize = new Option<string?>("--piece-size") { Description = "Piece size in bytes, or with K/M suffix (power of two, at least 16K); automatic when left out" };
        var isPrivate = new Option<bool>("--private") { Description = "Private torrent (BEP 27): trackers only, no DHT or PEX" };
        var comment = new Option<string?>("--comment") { Description = "Comment stored in the torrent" };
        var noDate = new Option<bool>("--no-date") { Description = "Leave out the creation date, so the same input gives the same file" };
        var output = new Option<string>("--output", "-o") { Description = "Where to write the .torrent", Required = true };
        var command = new Command("create", "Create a .torrent from a file or folder")
        {
            path, v1, v2, hybrid, trackers, webSeeds, pieceSize, isPrivate, comment, noDate, output,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var source = parse.GetValue(path)!;
            if (!File.Exists(source) && !Directory.Exists(source))
            {
                throw new CliError($"{source} does not exist");
            }
            var options = new TorrentCreationOptions
            {
                Version = ChooseVersion(parse.GetValue(v1), parse.GetValue(v2), parse.GetValue(hybrid)),
                AnnounceTiers = (parse.GetValue(trackers) ?? []).Select(url => (IReadOnlyList<string>)[url]).ToList(),
                WebSeeds = parse.GetValue(webSeeds) ?? [],
                PieceLength = ParsePieceSize(parse.GetValue(pieceSize)),
                IsPrivate = parse.GetValue(isPrivate),
                Comment = parse.GetValue(comment),
                CreatedBy = "swarmgrid",
                CreationDate = parse.GetValue(noDate) ? null : DateTimeOffset.UtcNow,
            };

            var total = File.Exists(source)
                ? new FileInfo(source).Length
                : new DirectoryInfo(source).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
            var created = await ProgressDisplay.RunAsync("Hashing", total,
                progress => TorrentCreator.CreateAsync(source, options, progress, cancellationToken));
            var destination = parse.GetValue(output)!;
            try
            {
                await File.WriteAllBytesAsync(destination, created.Bytes, cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new CliError($"cannot write {destination}: {ex.Message}");
            }
            Console.WriteLine($"{destination}: {created.Torrent.InfoHashes.Primary.ToHex()} ({created.Torrent.PieceCount} pieces of {Sizes.Human(created.Torrent.PieceLength)})");
            return 0;
        });
        return command;
    }

    private static TorrentVersion ChooseVersion(bool v1, bool v2, bool hybrid) => (v1, v2, hybrid) switch
    {
        (true, false, false) => TorrentVersion.V1,
        (false, true, false) => TorrentVersion.V2,
        (false, false, _) => TorrentVersion.Hybrid,
        _ => throw new CliError("choose one of --v1, --v2, --hybrid"),
    };

    private static int? ParsePieceSize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        var multiplier = char.ToUpperInvariant(text[^1]) switch { 'K' => 1024L, 'M' => 1024L * 1024, _ => 1L };
        var digits = multiplier == 1 ? text : text[..^1];
        if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            || value * multiplier is var size && (size < 16 * 1024 || size > 1L << 30 || (size & (size - 1)) != 0))
        {
            throw new CliError($"--piece-size {text}: must be a power of two from 16K to 1024M");
        }
        return (int)(value * multiplier);
    }
}
