using System.Globalization;
using System.Net;
using System.Text;

namespace Swarmgrid.Hosting;

/// <summary>
/// The PROXY protocol's version 1 header (<c>PROXY TCP4 192.0.2.1 198.51.100.2 51234 6969\r\n</c>), which nginx's stream
/// module puts in front of the first datagram of each UDP session when <c>proxy_protocol on</c>: the only way a UDP
/// tracker behind a balancer learns the real client's address. Read only from trusted proxies.
/// </summary>
public static class ProxyProtocolV1
{
    /// <summary>The longest header the specification allows, CRLF included.</summary>
    public const int MaxHeaderLength = 107;

    private static ReadOnlySpan<byte> Signature => "PROXY "u8;

    /// <summary>Whether <paramref name="packet"/> starts like a version 1 header.</summary>
    public static bool StartsWithHeader(ReadOnlySpan<byte> packet) => packet.StartsWith(Signature);

    /// <summary>
    /// Reads the header at the start of <paramref name="packet"/>: the client's endpoint (null for <c>UNKNOWN</c>) and
    /// the header's length. False when the header is malformed.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> packet, out IPEndPoint? client, out int headerLength)
    {
        client = null;
        headerLength = 0;
        var window = packet[..Math.Min(packet.Length, MaxHeaderLength)];
        var end = window.IndexOf("\r\n"u8);
        if (!StartsWithHeader(window) || end < 0)
        {
            return false;
        }
        headerLength = end + 2;
        var fields = Encoding.ASCII.GetString(window[Signature.Length..end]).Split(' ');
        if (fields is ["UNKNOWN", ..])
        {
            return true;
        }
        if (fields is not [var family and ("TCP4" or "TCP6"), var source, _, var sourcePort, _]
            || !IPAddress.TryParse(source, out var address)
            || (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork) != (family == "TCP4")
            || !ushort.TryParse(sourcePort, NumberStyles.None, CultureInfo.InvariantCulture, out var port))
        {
            return false;
        }
        client = new IPEndPoint(address, port);
        return true;
    }
}
