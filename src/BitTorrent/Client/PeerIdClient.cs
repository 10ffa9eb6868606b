using System.Text;
using Swarmgrid.BitTorrent.Tracker;

namespace Swarmgrid.BitTorrent.Client;

/// <summary>Names the client behind a peer id, for peers that send no client name in their extension handshake.</summary>
public static class PeerIdClient
{
    private static readonly Dictionary<string, string> AzureusCodes = new(StringComparer.Ordinal)
    {
        ["A2"] = "aria2",
        ["AZ"] = "Vuze",
        ["BI"] = "BiglyBT",
        ["BT"] = "BitTorrent",
        ["DE"] = "Deluge",
        ["KT"] = "KTorrent",
        ["LT"] = "libtorrent",
        ["lt"] = "libTorrent (rTorrent)",
        ["qB"] = "qBittorrent",
        ["SG"] = "Swarmgrid",
        ["TR"] = "Transmission",
        ["UT"] = "µTorrent",
        ["UM"] = "µTorrent Mac",
        ["WW"] = "WebTorrent",
    };

    /// <summary>
    /// The client and version an Azureus-style peer id (<c>-LT2080-…</c>) names, as <c>libtorrent 2.0.8.0</c>; an
    /// unknown style gives its printable prefix, or an empty string.
    /// </summary>
    public static string Describe(TrackerHash peerId)
    {
        var bytes = peerId.ToArray();
        if (bytes[0] == '-' && bytes[7] == '-')
        {
            var code = Encoding.ASCII.GetString(bytes, 1, 2);
            var version = string.Join('.', Encoding.ASCII.GetString(bytes, 3, 4).Select(c => char.IsAsciiDigit(c) ? c.ToString() : char.IsAsciiLetterUpper(c) ? (c - 'A' + 10).ToString() : "0"));
            return AzureusCodes.TryGetValue(code, out var name) ? $"{name} {version}" : $"{code} {version}";
        }
        var printable = new string(bytes.TakeWhile(b => b is >= 0x20 and < 0x7f).Select(b => (char)b).Take(8).ToArray());
        return printable;
    }
}
