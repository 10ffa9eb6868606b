using System.Globalization;
using System.Text;

namespace Swarmgrid.BitTorrent.Tracker.Http;

/// <summary>Builds the query string a client sends to announce (the client side of <see cref="HttpAnnounceRequestParser"/>).</summary>
public static class HttpAnnounceQuery
{
    /// <summary>
    /// The query without the leading <c>?</c>: the required keys, then <c>compact</c>, <c>numwant</c> and whichever
    /// optional keys are set. Hashes are percent-encoded byte for byte; <c>key</c> and <c>trackerid</c> Latin-1.
    /// </summary>
    public static string Build(in HttpAnnounceRequest request)
    {
        var query = new StringBuilder(256);
        Span<byte> bytes = stackalloc byte[TrackerHash.Size];
        request.InfoHash.CopyTo(bytes);
        PercentEncoding.Append(query.Append("info_hash="), bytes);
        request.PeerId.CopyTo(bytes);
        PercentEncoding.Append(query.Append("&peer_id="), bytes);
        var invariant = CultureInfo.InvariantCulture;
        query.Append(invariant, $"&port={request.Port}&uploaded={request.Uploaded}&downloaded={request.Downloaded}&left={request.Left}");
        query.Append(request.Compact ? "&compact=1" : "&compact=0");
        if (request.NoPeerId)
        {
            query.Append("&no_peer_id=1");
        }
        query.Append(request.Event switch
        {
            TrackerEvent.Started => "&event=started",
            TrackerEvent.Stopped => "&event=stopped",
            TrackerEvent.Completed => "&event=completed",
            _ => "",
        });
        query.Append(invariant, $"&numwant={request.NumWant}");
        AppendText(query, "&key=", request.Key);
        AppendText(query, "&trackerid=", request.TrackerId);
        AppendAddress(query, "&ip=", request.Ip, null);
        AppendAddress(query, "&ipv4=", request.Ipv4, request.Port);
        AppendAddress(query, "&ipv6=", request.Ipv6, request.Port);
        if (request.Corrupt is { } corrupt)
        {
            query.Append(invariant, $"&corrupt={corrupt}");
        }
        if (request.SupportCrypto)
        {
            query.Append("&supportcrypto=1");
        }
        return query.ToString();
    }

    /// <summary>The announce URL with the query appended after <c>?</c>, or <c>&amp;</c> when it already has a query.</summary>
    public static string BuildUrl(string announceUrl, in HttpAnnounceRequest request) =>
        announceUrl + (announceUrl.Contains('?') ? "&" : "?") + Build(request);

    private static void AppendText(StringBuilder query, string prefix, string? text)
    {
        if (text is not null)
        {
            PercentEncoding.Append(query.Append(prefix), Encoding.Latin1.GetBytes(text));
        }
    }

    /// <summary>Appends the address, and its port (BEP 7 form) when that differs from <paramref name="listenPort"/>.</summary>
    private static void AppendAddress(StringBuilder query, string prefix, PeerEndpoint? endpoint, ushort? listenPort)
    {
        if (endpoint is not { } address)
        {
            return;
        }
        var withPort = listenPort is { } port && port != address.Port;
        Span<byte> text = stackalloc byte[72];
        var length = 0;
        if (withPort && address.IsIPv6)
        {
            text[length++] = (byte)'[';
        }
        length += address.FormatAddress(text[length..]);
        if (withPort)
        {
            if (address.IsIPv6)
            {
                text[length++] = (byte)']';
            }
            text[length++] = (byte)':';
            address.Port.TryFormat(text[length..], out var written, default, CultureInfo.InvariantCulture);
            length += written;
        }
        PercentEncoding.Append(query.Append(prefix), text[..length]);
    }
}
