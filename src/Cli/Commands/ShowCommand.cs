using System.CommandLine;
using System.Text.Json;
using Swarmgrid.BitTorrent.Metainfo;

namespace Swarmgrid.Cli.Commands;

/// <summary><c>swarmgrid show FILE [--json]</c>: what a .torrent describes.</summary>
public static class ShowCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "The .torrent file" };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of text" };
        var command = new Command("show", "Show a torrent's name, info-hashes, size, files, pieces and trackers") { file, json };
        command.SetAction(parse =>
        {
            var torrent = TorrentFiles.Load(parse.GetValue(file)!);
            Console.Out.Write(parse.GetValue(json) ? AsJson(torrent) : AsText(torrent));
            return 0;
        });
        return command;
    }

    private static string AsText(Torrent torrent)
    {
        var text = new System.Text.StringBuilder();
        text.AppendLine($"Name:          {torrent.Name}");
        text.AppendLine($"Version:       {VersionName(torrent.Version)}");
        if (torrent.InfoHashes.V1 is { } v1)
        {
            text.AppendLine($"Info-hash v1:  {v1.ToHex()}");
        }
        if (torrent.InfoHashes.V2 is { } v2)
        {
            text.AppendLine($"Info-hash v2:  {v2.ToHex()}");
        }
        text.AppendLine($"Size:          {torrent.TotalSize} bytes ({Sizes.Human(torrent.TotalSize)})");
        text.AppendLine($"Piece size:    {torrent.PieceLength} bytes ({Sizes.Human(torrent.PieceLength)})");
        text.AppendLine($"Pieces:        {torrent.PieceCount}");
        text.AppendLine($"Private:       {(torrent.IsPrivate ? "yes" : "no")}");
        for (var tier = 0; tier < torrent.AnnounceTiers.Count; tier++)
        {
            text.AppendLine($"Tracker tier {tier}: {string.Join(", ", torrent.AnnounceTiers[tier])}");
        }
        foreach (var seed in torrent.WebSeeds)
        {
            text.AppendLine($"Web seed:      {seed}");
        }
        var files = torrent.Files.Where(f => !f.IsPad).ToList();
        text.AppendLine($"Files ({files.Count}):");
        foreach (var entry in files)
        {
            text.AppendLine($"  {entry.Path}  {entry.Length} bytes");
        }
        return text.ToString();
    }

    private static string AsJson(Torrent torrent) => JsonSerializer.Serialize(new
    {
        name = torrent.Name,
        version = VersionName(torrent.Version),
        info_hash_v1 = torrent.InfoHashes.V1?.ToHex(),
        info_hash_v2 = torrent.InfoHashes.V2?.ToHex(),
        total_size = torrent.TotalSize,
        piece_length = torrent.PieceLength,
        piece_count = torrent.PieceCount,
        @private = torrent.IsPrivate,
        trackers = torrent.AnnounceTiers,
        web_seeds = torrent.WebSeeds,
        comment = torrent.Comment,
        created_by = torrent.CreatedBy,
        creation_date = torrent.CreationDate?.ToUnixTimeSeconds(),
        files = torrent.Files.Where(f => !f.IsPad).Select(f => new { path = f.Path, length = f.Length }),
    }, new JsonSerializerOptions { WriteIndented = true }) + Environment.NewLine;

    private static string VersionName(TorrentVersion version) => version.ToString().ToLowerInvariant();
}
