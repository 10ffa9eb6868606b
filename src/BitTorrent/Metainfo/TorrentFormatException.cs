namespace Swarmgrid.BitTorrent.Metainfo;

/// <summary>
/// Metainfo that cannot be used: missing or ill-typed keys, inconsistent sizes, unsafe paths, hashes that do not add up.
/// Malformed bencode is reported the same way, with the <see cref="Bencoding.BencodeFormatException"/> as the inner exception.
/// </summary>
public sealed class TorrentFormatException : FormatException
{
    public TorrentFormatException(string message)
        : base($"Invalid torrent: {message}")
    {
    }

    public TorrentFormatException(string message, Exception inner)
        : base($"Invalid torrent: {message}", inner)
    {
    }
}
