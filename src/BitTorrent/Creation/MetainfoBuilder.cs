using System.Globalization;
using Swarmgrid.BitTorrent.Bencoding;
using Swarmgrid.BitTorrent.Metainfo;

namespace Swarmgrid.BitTorrent.Creation;

/// <summary>Writes the metainfo dictionary for hashed files. Keys come out sorted, so the encoding is canonical.</summary>
internal sealed class MetainfoBuilder(string name, bool isSingleFile, StreamLayout layout, PieceHashes hashes, TorrentCreationOptions options)
{
    private readonly bool v1 = options.Version != TorrentVersion.V2;
    private readonly bool v2 = options.Version != TorrentVersion.V1;
    private readonly Dictionary<StreamSegment, (byte[] Root, byte[]? Layer)> merkle = [];

    public BDictionary Build()
    {
        if (v2)
        {
            ComputeRoots();
        }
        var root = new BDictionary { ["info"] = BuildInfo() };
        var trackers = options.AnnounceTiers.Where(t => t.Count > 0).ToList();
        if (trackers.Count > 0)
        {
            root["announce"] = trackers[0][0];
        }
        if (trackers.Sum(t => t.Count) > 1)
        {
            root["announce-list"] = new BList(trackers.Select(tier => (BValue)new BList(tier.Select(url => (BValue)url))));
        }
        if (options.WebSeeds.Count > 0)
        {
            root["url-list"] = new BList(options.WebSeeds.Select(url => (BValue)url));
        }
        root["comment"] = options.Comment is null ? null : (BValue)options.Comment;
        root["created by"] = options.CreatedBy is null ? null : (BValue)options.CreatedBy;
        root["creation date"] = options.CreationDate is { } date ? date.ToUnixTimeSeconds() : null;
        if (v2 && merkle.Values.Any(m => m.Layer is not null))
        {
            var layers = new BDictionary();
            foreach (var (fileRoot, layer) in merkle.Values.Where(m => m.Layer is not null))
            {
                layers.Set(new BString(fileRoot), new BString(layer!));
            }
            root["piece layers"] = layers;
        }
        return root;
    }

    private BDictionary BuildInfo()
    {
        var info = new BDictionary { ["name"] = name, ["piece length"] = layout.PieceLength };
        if (options.IsPrivate)
        {
            info["private"] = 1;
        }
        if (options.Source is not null)
        {
            info["source"] = options.Source;
        }
        if (v1)
        {
            info["pieces"] = hashes.V1;
            if (isSingleFile)
            {
                info["length"] = layout.Segments[0].Length;
            }
            else
            {
                var files = layout.Segments.Where(s => v2 || s.File is not null);
                info["files"] = new BList(files.Select(V1Entry));
            }
        }
        if (v2)
        {
            info["meta version"] = 2;
            info["file tree"] = BuildFileTree();
        }
        return info;
    }

    private BValue V1Entry(StreamSegment segment) => segment.File is { } file
        ? WithAttributes(new BDictionary { ["length"] = file.Length, ["path"] = Path(file.RelativePath) }, file.IsExecutable ? "x" : null)
        : new BDictionary
        {
            ["length"] = segment.Length,
            ["path"] = Path([".pad", segment.Length.ToString(CultureInfo.InvariantCulture)]),
            ["attr"] = "p",
        };

    private BDictionary BuildFileTree()
    {
        var tree = new BDictionary();
        foreach (var segment in layout.Segments.Where(s => s.File is not null))
        {
            var file = segment.File!;
            var node = tree;
            string[] path = isSingleFile ? [name] : file.RelativePath;
            foreach (var part in path)
            {
                if (node[part] is not BDictionary child)
                {
                    child = new BDictionary();
                    node[part] = child;
                }
                node = child;
            }
            var entry = new BDictionary { ["length"] = file.Length };
            if (file.Length > 0)
            {
                entry["pieces root"] = merkle[segment].Root;
            }
            node[""] = WithAttributes(entry, file.IsExecutable ? "x" : null);
        }
        return tree;
    }

    private void ComputeRoots()
    {
        var pieceLength = layout.PieceLength;
        foreach (var segment in layout.Segments.Where(s => s.File is not null && s.Length > 0))
        {
            var first = (int)(segment.Offset / pieceLength);
            var pieces = (int)((segment.Length + pieceLength - 1) / pieceLength);
            var layer = hashes.V2.AsSpan(first * MerkleTree.HashSize, pieces * MerkleTree.HashSize).ToArray();
            merkle[segment] = pieces == 1 ? (layer, null) : (MerkleTree.RootFromPieceLayer(layer, pieceLength), layer);
        }
    }

    private static BDictionary WithAttributes(BDictionary entry, string? attributes)
    {
        if (attributes is not null)
        {
            entry["attr"] = attributes;
        }
        return entry;
    }

    private static BList Path(IEnumerable<string> segments) => new(segments.Select(s => (BValue)s));
}
