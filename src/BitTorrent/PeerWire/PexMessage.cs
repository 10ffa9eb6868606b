using Swarmgrid.BitTorrent.Bencoding;
using Swarmgrid.BitTorrent.Tracker;

namespace Swarmgrid.BitTorrent.PeerWire;

/// <summary>A ut_pex message (BEP 11): peers connected (<c>added</c>, <c>added6</c>) and disconnected (<c>dropped</c>, <c>dropped6</c>) since the last one.</summary>
public sealed record PexMessage(IReadOnlyList<PeerEndpoint> Added, IReadOnlyList<PeerEndpoint> Dropped)
{
    public byte[] Encode()
    {
        var root = new BDictionary();
        Add(root, "added", Added, false);
        Add(root, "added.f", Added.Where(p => !p.IsIPv6).Select(_ => (byte)0).ToArray());
        Add(root, "added6", Added, true);
        Add(root, "added6.f", Added.Where(p => p.IsIPv6).Select(_ => (byte)0).ToArray());
        Add(root, "dropped", Dropped, false);
        Add(root, "dropped6", Dropped, true);
        return root.Encode();
    }

    /// <summary>Decodes a payload leniently; trailing partial peers are ignored. False when it is not a dictionary.</summary>
    public static bool TryDecode(ReadOnlyMemory<byte> payload, out PexMessage? message)
    {
        message = null;
        BDictionary root;
        try
        {
            root = BencodeDecoder.DecodeDictionary(payload, BencodeOptions.Lenient);
        }
        catch (BencodeFormatException)
        {
            return false;
        }
        message = new PexMessage([.. Read(root, "added", false), .. Read(root, "added6", true)],
            [.. Read(root, "dropped", false), .. Read(root, "dropped6", true)]);
        return true;
    }

    private static PeerEndpoint[] Read(BDictionary root, string key, bool ipv6) =>
        root[key] is BString compact ? CompactPeers.Read(compact.Span, ipv6) : [];

    private static void Add(BDictionary root, string key, IReadOnlyList<PeerEndpoint> peers, bool ipv6)
    {
        var family = peers.Where(p => p.IsIPv6 == ipv6).ToArray();
        var bytes = new byte[family.Length * (ipv6 ? PeerEndpoint.CompactIPv6Size : PeerEndpoint.CompactIPv4Size)];
        CompactPeers.Write(family, ipv6, bytes);
        root.Add(key, bytes);
    }

    private static void Add(BDictionary root, string key, byte[] flags) => root.Add(key, flags);
}
