using System.Globalization;
using System.Text;
using Swarmgrid.BitTorrent.Metainfo;

namespace Swarmgrid.BitTorrent.Magnet;

/// <summary>
/// A BitTorrent magnet URI (BEP 9, BEP 53 for v2): <c>xt=urn:btih:</c> (v1, hex or base32), <c>xt=urn:btmh:1220…</c>
/// (v2 SHA-256 multihash), <c>dn</c>, <c>xl</c>, <c>tr</c>, <c>ws</c> and <c>x.pe</c>.
/// </summary>
public sealed class MagnetLink
{
    public MagnetLink(InfoHashes infoHashes, string? name = null, IReadOnlyList<string>? trackers = null,
        IReadOnlyList<string>? webSeeds = null, long? exactLength = null, IReadOnlyList<string>? peers = null)
    {
        if (infoHashes.V1 is { Length: not InfoHash.V1Length } || infoHashes.V2 is { Length: not InfoHash.V2Length })
        {
            throw new ArgumentException("The v1 hash must have 20 bytes and the v2 hash 32.", nameof(infoHashes));
        }
        if (infoHashes.V1 is null && infoHashes.V2 is null)
        {
            throw new ArgumentException("A magnet link needs an info-hash.", nameof(infoHashes));
        }
        InfoHashes = infoHashes;
        Name = name;
        Trackers = trackers ?? [];
        WebSeeds = webSeeds ?? [];
        ExactLength = exactLength;
        Peers = peers ?? [];
    }

    public InfoHashes InfoHashes { get; }

    /// <summary><c>dn</c>: a display name until the metadata arrives.</summary>
    public string? Name { get; }

    /// <summary><c>tr</c>, in order.</summary>
    public IReadOnlyList<string> Trackers { get; }

    /// <summary><c>ws</c>: BEP 19 web seeds.</summary>
    public IReadOnlyList<string> WebSeeds { get; }

    /// <summary><c>xl</c>: total size in bytes.</summary>
    public long? ExactLength { get; }

    /// <summary><c>x.pe</c>: peer addresses (host:port) to try directly.</summary>
    public IReadOnlyList<string> Peers { get; }

    /// <summary>Parses a magnet URI; throws <see cref="MagnetFormatException"/>.</summary>
    public static MagnetLink Parse(string uri) => MagnetParser.Parse(uri);

    public static bool TryParse(string uri, out MagnetLink? link)
    {
        try
        {
            link = MagnetParser.Parse(uri);
            return true;
        }
        catch (MagnetFormatException)
        {
            link = null;
            return false;
        }
    }

    /// <summary>The magnet for a torrent: both hashes for a hybrid, its name and every tracker and web seed.</summary>
    public static MagnetLink FromTorrent(Torrent torrent) =>
        new(torrent.InfoHashes, torrent.Name, torrent.AnnounceTiers.SelectMany(tier => tier).Distinct(StringComparer.Ordinal).ToArray(),
            torrent.WebSeeds);

    /// <summary>The URI: <c>magnet:?xt=urn:btih:{v1}&amp;xt=urn:btmh:1220{v2}&amp;dn=…&amp;xl=…&amp;tr=…&amp;ws=…&amp;x.pe=…</c>.</summary>
    public override string ToString()
    {
        var parameters = new List<string>();
        if (InfoHashes.V1 is { } v1)
        {
            parameters.Add("xt=urn:btih:" + v1.ToHex());
        }
        if (InfoHashes.V2 is { } v2)
        {
            parameters.Add("xt=urn:btmh:" + MagnetParser.Sha256MultihashPrefix + v2.ToHex());
        }
        if (Name is not null)
        {
            parameters.Add("dn=" + Uri.EscapeDataString(Name));
        }
        if (ExactLength is { } length)
        {
            parameters.Add("xl=" + length.ToString(CultureInfo.InvariantCulture));
        }
        parameters.AddRange(Trackers.Select(url => "tr=" + Uri.EscapeDataString(url)));
        parameters.AddRange(WebSeeds.Select(url => "ws=" + Uri.EscapeDataString(url)));
        parameters.AddRange(Peers.Select(peer => "x.pe=" + Uri.EscapeDataString(peer)));
        return new StringBuilder("magnet:?").AppendJoin('&', parameters).ToString();
    }
}
