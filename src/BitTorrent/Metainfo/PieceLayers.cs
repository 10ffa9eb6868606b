using Swarmgrid.BitTorrent.Bencoding;

namespace Swarmgrid.BitTorrent.Metainfo;

/// <summary>
/// Checks the outer <c>piece layers</c> dictionary against the file tree: every file longer than one piece needs its
/// layer of SHA-256 piece hashes, sized to the file and hashing up to the file's pieces root. When the layers are not
/// required (an info dictionary from peers), missing ones are skipped; those present are still checked.
/// </summary>
internal static class PieceLayers
{
    public static Dictionary<BString, ReadOnlyMemory<byte>> Read(BDictionary root, IEnumerable<FileEntry> files, int pieceLength, bool required = true)
    {
        var stated = Fields.Optional<BDictionary>(root, "piece layers", "metainfo")?.ToDictionary(e => e.Key, e => e.Value) ?? [];
        var layers = new Dictionary<BString, ReadOnlyMemory<byte>>();
        foreach (var file in files.Where(f => f.Length > pieceLength))
        {
            var key = new BString(file.PiecesRoot);
            if (layers.ContainsKey(key))
            {
                continue;
            }
            var where = $"piece layer of '{string.Join('/', file.Path)}'";
            if (!required && !stated.ContainsKey(key))
            {
                continue;
            }
            if (stated.GetValueOrDefault(key) is not BString layer)
            {
                throw new TorrentFormatException($"the {where} is missing or not a string");
            }
            var pieces = (file.Length - 1) / pieceLength + 1;
            if (layer.Bytes.Length != pieces * MerkleTree.HashSize)
            {
                throw new TorrentFormatException($"the {where} has {layer.Bytes.Length} bytes, expected {pieces} hashes");
            }
            if (!MerkleTree.RootFromPieceLayer(layer.Span, pieceLength).AsSpan().SequenceEqual(file.PiecesRoot.Span))
            {
                throw new TorrentFormatException($"the {where} does not hash to the file's pieces root");
            }
            layers.Add(key, layer.Bytes);
        }
        return layers;
    }
}
