using Swarmgrid.BitTorrent.Bencoding;

namespace Swarmgrid.BitTorrent.Client;

/// <summary>Builds .torrent bytes around an info dictionary, as when metadata fetched for a magnet link is kept.</summary>
public static class MetainfoComposer
{
    /// <summary>A .torrent holding <paramref name="rawInfo"/> verbatim (so its info-hash is unchanged) and the tracker tiers.</summary>
    public static byte[] Compose(ReadOnlySpan<byte> rawInfo, IReadOnlyList<IReadOnlyList<string>> announceTiers)
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
        return [.. writer.WrittenSpan, .. rawInfo, (byte)'e'];
    }
}
