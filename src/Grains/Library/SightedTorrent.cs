using Swarmgrid.BitTorrent.Metainfo;
using Swarmgrid.Data.Library;
using Swarmgrid.GrainInterfaces.Library;

namespace Swarmgrid.Grains.Library;

/// <summary>What a sighting tells of a torrent, read from its metainfo when it has one.</summary>
public sealed record SightedTorrent(string InfoHash, string? V2InfoHash, string Name, long Size, IReadOnlyList<LibraryFileRecord> Files)
{
    /// <summary>The torrent seen; the metainfo wins over the sighting's name and size, and a metainfo that does not parse is ignored.</summary>
    public static SightedTorrent From(LibrarySighting sighting)
    {
        var fallback = new SightedTorrent(sighting.InfoHash, sighting.V2InfoHash,
            string.IsNullOrWhiteSpace(sighting.Name) ? sighting.InfoHash : sighting.Name.Trim(), Math.Max(0, sighting.Size ?? 0), []);
        if (sighting.Metainfo is not { Length: > 0 } bytes || Parse(bytes) is not { } torrent)
        {
            return fallback;
        }
        var files = torrent.Files.Where(f => !f.IsPad).Select(f => new LibraryFileRecord(f.Path, f.Length)).ToList();
        var v1 = torrent.InfoHashes.V1?.ToHex();
        var v2 = torrent.InfoHashes.V2?.ToHex();
        return new SightedTorrent(v1 ?? v2 ?? sighting.InfoHash, v1 is null ? null : v2, torrent.Name, torrent.TotalSize, files);
    }

    private static Torrent? Parse(byte[] bytes)
    {
        try
        {
            return Torrent.Load(bytes);
        }
        catch (TorrentFormatException)
        {
            try
            {
                return Torrent.LoadInfo(bytes);
            }
            catch (TorrentFormatException)
            {
                return null;
            }
        }
    }
}
