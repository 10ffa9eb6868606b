using Swarmgrid.BitTorrent.Bencoding;

namespace Swarmgrid.BitTorrent.Metainfo;

/// <summary>Checks names from metainfo so that joining them under a download directory cannot escape it.</summary>
internal static class PathSegments
{
    public static string Validate(BString raw, string where)
    {
        var segment = raw.Text;
        if (segment.Length == 0 || segment is "." or "..")
        {
            throw new TorrentFormatException($"{where} has the path segment '{segment}'");
        }
        if (segment.AsSpan().IndexOfAny('/', '\\', '\0') >= 0)
        {
            throw new TorrentFormatException($"{where} has a path segment with a separator or NUL: '{segment}'");
        }
        if (segment.Length >= 2 && segment[1] == ':' && char.IsAsciiLetter(segment[0]))
        {
            throw new TorrentFormatException($"{where} has a drive-qualified path segment '{segment}'");
        }
        return segment;
    }

    public static string[] ValidateList(BList list, string where)
    {
        if (list.Count == 0)
        {
            throw new TorrentFormatException($"{where} has an empty path");
        }
        var segments = new string[list.Count];
        for (var i = 0; i < list.Count; i++)
        {
            segments[i] = Validate(list[i] as BString ?? throw new TorrentFormatException($"{where} has a path segment that is not a string"), where);
        }
        return segments;
    }

    /// <summary>A symlink target may climb (<c>..</c>) but must not be absolute; whether it leaves the torrent is the writer's check.</summary>
    public static string? SymlinkTarget(BDictionary entry, string where)
    {
        if (Fields.Optional<BList>(entry, "symlink path", where) is not { } list)
        {
            return null;
        }
        var parts = new List<string>(list.Count);
        foreach (var item in list)
        {
            var part = (item as BString ?? throw new TorrentFormatException($"{where} has a symlink path segment that is not a string")).Text;
            if (part.AsSpan().IndexOfAny('/', '\\', '\0') >= 0 || part.Length == 0)
            {
                throw new TorrentFormatException($"{where} has an invalid symlink path segment '{part}'");
            }
            parts.Add(part);
        }
        return string.Join('/', parts);
    }
}
