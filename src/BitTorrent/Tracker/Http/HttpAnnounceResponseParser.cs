using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Text;
using Swarmgrid.BitTorrent.Bencoding;

namespace Swarmgrid.BitTorrent.Tracker.Http;

/// <summary>Reads an HTTP announce response body on the client side; never throws on malformed input.</summary>
/// <remarks>
/// Bencode is decoded leniently (trackers are not always canonical). Values of the wrong type are ignored, as are
/// dictionary-model peers without a literal IP address or a valid port, and a trailing partial compact entry.
/// </remarks>
public static class HttpAnnounceResponseParser
{
    /// <summary>
    /// Parses <paramref name="body"/>. Returns false with <paramref name="error"/> when it is not a bencoded dictionary;
    /// a tracker's refusal is a successful parse with <see cref="HttpAnnounceResponse.FailureReason"/> set.
    /// </summary>
    public static bool TryParse(ReadOnlyMemory<byte> body, [NotNullWhen(true)] out HttpAnnounceResponse? response, [NotNullWhen(false)] out string? error)
    {
        response = null;
        if (!TrackerBencode.TryDecodeDictionary(body, out var root, out error))
        {
            return false;
        }
        var peers = new List<TrackerPeer>();
        switch (root["peers"])
        {
            case BString compact:
                AddCompact(peers, compact.Span, false);
                break;
            case BList list:
                AddDictionaryPeers(peers, list);
                break;
        }
        if (root["peers6"] is BString compact6)
        {
            AddCompact(peers, compact6.Span, true);
        }
        response = new HttpAnnounceResponse
        {
            FailureReason = TrackerBencode.Text(root, "failure reason"),
            WarningMessage = TrackerBencode.Text(root, "warning message"),
            Interval = TrackerBencode.Integer(root, "interval"),
            MinInterval = TrackerBencode.Integer(root, "min interval"),
            TrackerId = TrackerBencode.Text(root, "tracker id"),
            Complete = TrackerBencode.Integer(root, "complete"),
            Incomplete = TrackerBencode.Integer(root, "incomplete"),
            Peers = peers,
        };
        return true;
    }

    private static void AddCompact(List<TrackerPeer> peers, ReadOnlySpan<byte> compact, bool ipv6)
    {
        foreach (var endpoint in CompactPeers.Read(compact, ipv6))
        {
            peers.Add(new TrackerPeer(endpoint));
        }
    }

    private static void AddDictionaryPeers(List<TrackerPeer> peers, BList list)
    {
        foreach (var item in list)
        {
            if (item is not BDictionary peer
                || peer["ip"] is not BString ip
                || peer["port"] is not BInteger { Value: >= 1 and <= ushort.MaxValue } port
                || !IPAddress.TryParse(Encoding.UTF8.GetString(ip.Span), out var address))
            {
                continue;
            }
            TrackerHash? peerId = peer["peer id"] is BString id && TrackerHash.TryFromBytes(id.Span, out var hash) ? hash : null;
            peers.Add(new TrackerPeer(PeerEndpoint.From(address, (ushort)port.Value), peerId));
        }
    }
}
