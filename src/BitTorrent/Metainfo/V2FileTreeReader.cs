using Swarmgrid.BitTorrent.Bencoding;

namespace Swarmgrid.BitTorrent.Metainfo;

/// <summary>
/// Reads the BEP 52 <c>file tree</c>: nested dictionaries keyed by path segment, a file being a node whose only key is
/// the empty string. Files come out in the tree's key order, which is the order of their pieces.
/// </summary>
internal static class V2FileTreeReader
{
    public static List<FileEntry> Read(BDictionary info, string name)
    {
        var tree = Fields.Required<BDictionary>(info, "file tree", "info");
        var files = new List<FileEntry>();
        if (tree.Count == 1 && tree.Single().Value is BDictionary only && IsFile(only))
        {
            var key = PathSegments.Validate(tree.Single().Key, "file tree");
            files.Add(ReadFile(only, [key]));
        }
        else
        {
            Walk(tree, [name], files);
        }
        if (files.Count == 0)
        {
            throw new TorrentFormatException("'file tree' has no files");
        }
        return files;
    }

    private static bool IsFile(BDictionary node) => node.ContainsKey("");

    private static void Walk(BDictionary directory, List<string> path, List<FileEntry> files)
    {
        foreach (var (key, value) in directory.OrderBy(entry => entry.Key))
        {
            var where = $"file tree '{string.Join('/', path)}'";
            var node = value as BDictionary ?? throw new TorrentFormatException($"{where} has an entry that is not a dictionary");
            path.Add(PathSegments.Validate(key, where));
            if (IsFile(node))
            {
                if (node.Count != 1)
                {
                    throw new TorrentFormatException($"{where} has a file that is also a directory");
                }
                files.Add(ReadFile(node, [.. path]));
            }
            else if (node.Count == 0)
            {
                throw new TorrentFormatException($"{where} has an empty directory");
            }
            else
            {
                Walk(node, path, files);
            }
            path.RemoveAt(path.Count - 1);
        }
    }

    private static FileEntry ReadFile(BDictionary node, string[] path)
    {
        var where = $"file '{string.Join('/', path)}'";
        var file = Fields.Required<BDictionary>(node, "", where);
        var length = Fields.NonNegative(file, "length", where);
        var attributes = TorrentFileAttributesText.Read(file, where);
        ReadOnlyMemory<byte> root = default;
        if (length > 0)
        {
            root = Fields.Required<BString>(file, "pieces root", where).Bytes;
            if (root.Length != MerkleTree.HashSize)
            {
                throw new TorrentFormatException($"{where} has a pieces root of {root.Length} bytes");
            }
        }
        return new FileEntry(path, length, attributes, root, PathSegments.SymlinkTarget(file, where));
    }
}
