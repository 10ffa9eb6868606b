using System.Globalization;
using System.Text;
using Swarmgrid.BitTorrent.Tracker;

namespace Swarmgrid.BitTorrent.Discovery;

/// <summary>
/// A local service discovery announce (BEP 14): an HTTP-like <c>BT-SEARCH</c> request in one UDP datagram naming the
/// sender's TCP port, one or more info-hashes, and a cookie by which a sender recognises its own announces.
/// </summary>
/// <param name="Host">The multicast group the announce went to, as <c>host:port</c>.</param>
/// <param name="Port">The TCP port the sender accepts peers on.</param>
/// <param name="InfoHashes">The torrents announced.</param>
/// <param name="Cookie">An opaque token of the sender; null when absent.</param>
public sealed record LsdMessage(string Host, int Port, IReadOnlyList<TrackerHash> InfoHashes, string? Cookie)
{
    /// <summary>Info-hashes one datagram may carry; more are ignored (a datagram stays well under 1400 bytes).</summary>
    public const int MaxInfoHashes = 20;

    private const int MaxDatagram = 1400;

    public byte[] Encode()
    {
        var text = new StringBuilder("BT-SEARCH * HTTP/1.1\r\n");
        text.Append("Host: ").Append(Host).Append("\r\n");
        text.Append("Port: ").Append(Port.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
        foreach (var hash in InfoHashes.Take(MaxInfoHashes))
        {
            text.Append("Infohash: ").Append(hash.ToString()).Append("\r\n");
        }
        if (Cookie is not null)
        {
            text.Append("cookie: ").Append(Cookie).Append("\r\n");
        }
        text.Append("\r\n\r\n");
        return Encoding.ASCII.GetBytes(text.ToString());
    }

    /// <summary>
    /// Reads a datagram; false unless it starts with the BT-SEARCH request line and has a port in 1–65535 and at
    /// least one 40-digit hex info-hash. Header names are case-insensitive; unknown headers are ignored.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> datagram, out LsdMessage? message)
    {
        message = null;
        if (datagram.Length > MaxDatagram)
        {
            return false;
        }
        var lines = Encoding.ASCII.GetString(datagram).Split("\r\n");
        if (lines.Length < 2 || lines[0] != "BT-SEARCH * HTTP/1.1")
        {
            return false;
        }
        string host = "", cookie = null!;
        int? port = null;
        var hashes = new List<TrackerHash>();
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':');
            if (colon <= 0)
            {
                continue;
            }
            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (name.Equals("Host", StringComparison.OrdinalIgnoreCase))
            {
                host = value;
            }
            else if (name.Equals("Port", StringComparison.OrdinalIgnoreCase) && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var p)
                && p is > 0 and <= ushort.MaxValue)
            {
                port = p;
            }
            else if (name.Equals("Infohash", StringComparison.OrdinalIgnoreCase) && hashes.Count < MaxInfoHashes && TrackerHash.TryParseHex(value, out var hash))
            {
                hashes.Add(hash);
            }
            else if (name.Equals("cookie", StringComparison.OrdinalIgnoreCase))
            {
                cookie = value;
            }
        }
        if (port is null || hashes.Count == 0)
        {
            return false;
        }
        message = new LsdMessage(host, port.Value, hashes, cookie);
        return true;
    }
}
