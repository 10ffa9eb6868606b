using Swarmgrid.BitTorrent.Bencoding;

namespace Swarmgrid.BitTorrent.Metainfo;

/// <summary>Reads the BEP 3 file list: <c>length</c> for one file, or <c>files</c> with paths below the torrent's folder.</summary>
internal static class V1FileListReader
{
    public static List<FileEntry> Read(BDictionary info, string name)
    {
        var files = Fields.Optional<BList>(info, "files", "info");
        var length = Fields.Optional<BInteger>(info, "length", "info");
        if ((files is null) == (length is null))
        {
            throw new TorrentFormatException("info must have exactly one of 'length' and 'files'");
        }
        if (length is not null)
        {
            var single = Fields.NonNegative(info, "length", "info");
            var attributes = TorrentFileAttributesText.Read(info, "info");
            return [new FileEntry([name], single, attributes, default, PathSegments.SymlinkTarget(info, "info"))];
        }

        var entries = new List<FileEntry>(files!.Count);
        for (var i = 0; i < files.Count; i++)
        {
            var where = $"files[{i}]";
            var file = files[i] as BDictionary ?? throw new TorrentFormatException($"{where} is not a dictionary");
            var path = Fields.Optional<BList>(file, "path.utf-8", where) ?? Fields.Required<BList>(file, "path", where);
            var segments = PathSegments.ValidateList(path, where);
            var attributes = TorrentFileAttributesText.Read(file, where);
            entries.Add(new FileEntry([name, .. segments], Fields.NonNegative(file, "length", where), attributes, default,
                PathSegments.SymlinkTarget(file, where)));
        }
        if (entries.Count == 0)
        {
            throw new TorrentFormatException("'files' is empty");
        }
        return entries;
    }
}
