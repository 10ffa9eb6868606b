using Swarmgrid.BitTorrent.Bencoding;
using Swarmgrid.BitTorrent.Tracker;

namespace Swarmgrid.BitTorrent.PeerWire;

/// <summary>
/// A ut_pex message (BEP 11): peers connected (<c>added</c>, <c>added6</c>, with one flags byte each in <c>added.f</c>,
/// <c>added6.f</c>) and disconnected (<c>dropped</c>, <c>dropped6</c>) since the last one.
/// </summary>
/// <param name="Added">Peers connected since the last message.</param>
/// <param name="Dropped">Peers disconnected since the last message.</param>
/// <param name="AddedFlags">One byte per peer of <paramref name="Added"/> (see <see cref="PexFlags"/>); all zero when null.</param>
public sealed record PexMessage(IReadOnlyList<PeerEndpoint> Added, IReadOnlyList<PeerEndpoint> Dropped, IReadOnlyList<PexFlags>? AddedFlags = null)
{
    public byte[] Encode()
    {
        var flags = AddedFlags ?? new PexFlags[Added.Count];
        if (flags.Count != Added.Count)
        {
            throw new InvalidOperationException("A PEX message needs one flags byte per added peer.");
        }
        var root = new BDictionary();
        Add(root, "added", Added, false);
        root.Add("added.f", Added.Select((p, i) => (p, i)).Where(x => !x.p.IsIPv6).Select(x => (byte)flags[x.i]).ToArray());
        Add(root, "added6", Added, true);
        root.Add("added6.f", Added.Select((p, i) => (p, i)).Where(x => x.p.IsIPv6).Select(x => (byte)flags[x.i]).ToArray());
        Add(root, "dropped", Dropped, false);
        Add(root, "dropped6", Dropped, true);
        return root.Encode();
    }

    /// <summary>Decodes a payload leniently; trailing partial peers are ignored, missing flags read as 0. False when it is not a dictionary.</summary>
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
        var added4 = Read(root, "added", false);
        var added6 = Read(root, "added6", true);
        message = new PexMessage([.. added4, .. added6], [.. Read(root, "dropped", false), .. Read(root, "dropped6", true)],
            [.. Flags(root, "added.f", added4.Length), .. Flags(root, "added6.f", added6.Length)]);
        return true;
    }

    private static PeerEndpoint[] Read(BDictionary root, string key, bool ipv6) =>
        root[key] is BString compact ? CompactPeers.Read(compact.Span, ipv6) : [];

    private static PexFlags[] Flags(BDictionary root, string key, int count)
    {
        var flags = new PexFlags[count];
        if (root[key] is BString bytes)
        {
            for (var i = 0; i < Math.Min(count, bytes.Span.Length); i++)
            {
                flags[i] = (PexFlags)bytes.Span[i];
            }
        }
        return flags;
    }

    private static void Add(BDictionary root, string key, IReadOnlyList<PeerEndpoint> peers, bool ipv6)
    {
        var family = peers.Where(p => p.IsIPv6 == ipv6).ToArray();
        var bytes = new byte[family.Length * (ipv6 ? PeerEndpoint.CompactIPv6Size : PeerEndpoint.CompactIPv4Size)];
        CompactPeers.Write(family, ipv6, bytes);
        root.Add(key, bytes);
    }
}

/// <summary>The flags byte of a peer in a PEX message (BEP 11).</summary>
[Flags]
public enum PexFlags : byte
{
    None = 0,

    /// <summary>The peer prefers encryption.</summary>
    PrefersEncryption = 0x01,

    /// <summary>The peer is a seed (or upload-only).</summary>
    Seed = 0x02,

    /// <summary>The peer supports uTP.</summary>
    SupportsUtp = 0x04,

    /// <summary>The peer supports the holepunch extension.</summary>
    SupportsHolepunch = 0x08,

    /// <summary>The sender connected to the peer itself: it accepts incoming connections.</summary>
    Reachable = 0x10,
}
