using Swarmgrid.BitTorrent.Creation;
using Swarmgrid.BitTorrent.Metainfo;

namespace Swarmgrid.BitTorrent.Verification;

/// <summary>Maps a torrent's files onto a download directory, noting which are there at full length.</summary>
internal static class DiskLayout
{
    public static (StreamLayout Layout, HashSet<StreamSegment> Present) Build(Torrent torrent, string directory)
    {
        var segments = new List<StreamSegment>();
        var present = new HashSet<StreamSegment>(ReferenceEqualityComparer.Instance);
        long end = 0;
        foreach (var file in torrent.Files)
        {
            if (file.Offset > end)
            {
                // v2-only torrents align files to pieces without pad files; the gap reads as zeros and is never hashed.
                segments.Add(new StreamSegment(end, file.Offset - end, null));
            }
            if (file.IsPad)
            {
                segments.Add(new StreamSegment(file.Offset, file.Length, null));
            }
            else
            {
                var path = Path.Combine([directory, .. file.PathSegments]);
                var info = new FileInfo(path);
                var segment = new StreamSegment(file.Offset, file.Length, new SourceFile(path, [.. file.PathSegments], file.Length, false));
                segments.Add(segment);
                if (file.Length == 0 || (info.Exists && info.Length >= file.Length))
                {
                    present.Add(segment);
                }
            }
            end = file.Offset + file.Length;
        }
        return (StreamLayout.FromSegments(segments, torrent.PieceLength), present);
    }
}
