using System.Text.Json;
using Swarmgrid.BitTorrent.Bencoding;
using Swarmgrid.BitTorrent.Metainfo;
using Swarmgrid.GrainInterfaces.Registry;

namespace Swarmgrid.WebFront.Faces.Registry;

/// <summary>Turns an uploaded .torrent into a registry entry: hashes, name and size from the file, the rest from the form.</summary>
public static class TorrentUpload
{
    public const long MaxTorrentBytes = 10 * 1024 * 1024;

    public static bool TryParse(byte[] bytes, IFormCollection form, out string infoHash, out RegistryEntryInput input, out string error)
    {
        infoHash = "";
        input = null!;
        Torrent torrent;
        try
        {
            torrent = Torrent.Load(bytes);
        }
        catch (Exception ex) when (ex is TorrentFormatException or BencodeFormatException)
        {
            error = "not a valid torrent: " + ex.Message;
            return false;
        }

        var v1 = torrent.InfoHashes.V1?.ToHex();
        infoHash = torrent.InfoHashes.V2?.ToHex() ?? v1!;
        var files = torrent.Files.Where(f => !f.IsPad).ToList();
        var meta = JsonSerializer.Serialize(new TorrentMetaResponse(torrent.Name, torrent.PieceLength, torrent.PieceCount,
            files.Sum(f => f.Length), files.Select(f => new TorrentFileResponse(f.Path, f.Length)).ToList()));
        input = new RegistryEntryInput(
            Name: Field(form, "name") ?? torrent.Name,
            Description: Field(form, "description") ?? torrent.Comment,
            Publisher: Field(form, "publisher"),
            License: Field(form, "license"),
            Size: files.Sum(f => f.Length),
            Category: Field(form, "category"),
            Tags: Field(form, "tags"),
            V1InfoHash: torrent.InfoHashes.IsHybrid ? v1 : null,
            Torrent: bytes,
            MetaJson: meta);
        error = "";
        return true;
    }

    private static string? Field(IFormCollection form, string name) => form[name] is { Count: > 0 } values && values[0] is { Length: > 0 } value ? value : null;
}
