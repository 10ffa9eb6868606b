using Swarmgrid.BitTorrent.Bencoding;
using Swarmgrid.BitTorrent.Metainfo;

namespace Swarmgrid.Cli;

/// <summary>Loads a .torrent named on the command line, turning every way it can fail into a <see cref="CliError"/>.</summary>
public static class TorrentFiles
{
    public static Torrent Load(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CliError($"cannot read {path}: {ex.Message}");
        }

        try
        {
            return Torrent.Load(bytes);
        }
        catch (Exception ex) when (ex is TorrentFormatException or BencodeFormatException)
        {
            throw new CliError($"{path} is not a valid torrent: {ex.Message}");
        }
    }
}
