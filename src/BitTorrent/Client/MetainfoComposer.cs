using Swarmgrid.BitTorrent.Bencoding;

namespace Swarmgrid.BitTorrent.Client;

/// <summary>Builds .torrent bytes around an info dictionary, as when metadata fetched for a magnet link is kept.</summary>
public static class MetainfoComposer
{
    /// <summary>
    /// A .torrent holding <paramref name="rawInfo"/> verbatim (so its info-hash is unchanged), the tracker tiers and,
    /// for v2 and hybrid torrents, the <c>piece layers</c> by pieces root.
    /// </summary>
    public static byte[] Compose(ReadOnlySpan<byte> rawInfo, IReadOnlyList<IReadOnlyList<string>> announceTiers,
        IReadOnlyDictionary<ReadOnlyMemory<byte>, ReadOnlyMemory<byte>>? pieceLayers = null)
    {
        var writer = new BencodeWriter(rawInfo.Length + 256);
        writer.WriteDictionaryStart();
        var first = announceTiers.SelectMany(t => t).FirstOrDefault();
        if (first is not null)
        {
            writer.WriteString("announce");
            writer.WriteString(first);
            writer.WriteString("announce-list");
            writer.WriteListStart();
            foreach (var tier in announceTiers.Where(t => t.Count > 0))
            {
                writer.WriteListStart();
                foreach (var url in tier)
                {
                    writer.WriteString(url);
                }
                writer.WriteEnd();
            }
            writer.WriteEnd();
        }
        writer.WriteString("info");
        var layers = new BencodeWriter((pieceLayers?.Sum(l => l.Value.Length + 40) ?? 0) + 32);
        if (pieceLayers is { Count: > 0 })
        {
            layers.WriteString("piece layers");
            layers.WriteDictionaryStart();
            foreach (var (root, layer) in pieceLayers.OrderBy(l => l.Key.ToArray(), ByteOrder.Instance))
            {
                layers.WriteString(root.Span);
                layers.WriteString(layer.Span);
            }
            layers.WriteEnd();
        }
        return [.. writer.WrittenSpan, .. rawInfo, .. layers.WrittenSpan, (byte)'e'];
    }

    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
