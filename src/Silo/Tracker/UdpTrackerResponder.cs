using Swarmgrid.GrainInterfaces.Tracker;
using Prometheus;
using System.Net;
using Swarmgrid.BitTorrent.Tracker;
using Swarmgrid.BitTorrent.Tracker.Udp;
using Swarmgrid.Hosting;

namespace Swarmgrid.Silo.Tracker;

/// <summary>
/// Answers one BEP 15 datagram: connect, announce, scrape; anything malformed gets an error packet when it carries a
/// transaction id, and silence when it is too short to.
/// </summary>
public sealed class UdpTrackerResponder(
    AnnounceHandler handler, UdpConnectionIds connectionIds, TrackerRateLimiter rateLimiter, PasskeyVerifier passkeys)
{
    public const int MaxResponseSize = 2048;

    /// <summary>Writes the answer into <paramref name="response"/>; returns its length, 0 for no answer.</summary>
    public async ValueTask<int> RespondAsync(ReadOnlyMemory<byte> packet, IPEndPoint sender, Memory<byte> response)
    {
        if (!UdpRequestHeader.TryRead(packet.Span, out var header))
        {
            return 0;
        }
        var client = PeerEndpoint.From(sender);
        switch (header.Action)
        {
            case UdpTrackerAction.Connect when header.ConnectionId == UdpConnectRequest.ProtocolId:
                return new UdpConnectResponse(header.TransactionId, connectionIds.Issue(client)).Encode(response.Span);
            case UdpTrackerAction.Connect:
                return Error(response, header.TransactionId, "wrong protocol id");
            case UdpTrackerAction.Announce or UdpTrackerAction.Scrape when !connectionIds.IsValid(header.ConnectionId, client):
                return Error(response, header.TransactionId, "invalid or expired connection id");
            case UdpTrackerAction.Announce or UdpTrackerAction.Scrape when !rateLimiter.TryAcquire(sender.Address):
                return Error(response, header.TransactionId, TrackerRateLimiter.AnnounceFailure);
            case UdpTrackerAction.Announce:
                return await AnnounceAsync(packet, sender, header.TransactionId, response);
            case UdpTrackerAction.Scrape:
                return await ScrapeAsync(packet, header.TransactionId, response);
            default:
                return Error(response, header.TransactionId, "unknown action");
        }
    }

    private async ValueTask<int> AnnounceAsync(ReadOnlyMemory<byte> packet, IPEndPoint sender, int transactionId, Memory<byte> response)
    {
        using var timer = TrackerMetrics.UdpAnnounceDuration.NewTimer();
        if (!UdpAnnounceRequest.TryDecode(packet.Span, out var request))
        {
            return Error(response, transactionId, "malformed announce");
        }
        if (passkeys.Required)
        {
            return Error(response, transactionId, "passkey required: announce over HTTP to /announce/{passkey}");
        }
        if (request.Port == 0)
        {
            return Error(response, transactionId, "invalid port");
        }

        var numWant = request.NumWant < 0 ? handler.Options.DefaultNumWant : Math.Min(request.NumWant, handler.Options.MaxNumWant);
        var ipv6 = sender.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 && !sender.Address.IsIPv4MappedToIPv6;
        var peerRoom = (MaxResponseSize - UdpAnnounceResponse.HeaderSize) / (ipv6 ? PeerEndpoint.CompactIPv6Size : PeerEndpoint.CompactIPv4Size);
        var peers = await handler.AnnounceAsync(request.InfoHash, request.PeerId, IpRanges.Normalize(sender.Address)!, request.Port,
            request.Uploaded, request.Downloaded, request.Left, request.Event, Math.Min(numWant, peerRoom), false, null);
        if (peers.Failure is { } failure)
        {
            return Error(response, transactionId, failure);
        }
        return new UdpAnnounceResponse(transactionId, handler.IntervalSeconds, peers.Incomplete, peers.Complete)
            .Encode(response.Span, ipv6 ? peers.Peers6 : peers.Peers4);
    }

    private async ValueTask<int> ScrapeAsync(ReadOnlyMemory<byte> packet, int transactionId, Memory<byte> response)
    {
        if (!UdpScrapeRequest.TryDecode(packet.Span, out _, out var hashes) || hashes.Length == 0)
        {
            return Error(response, transactionId, "malformed scrape");
        }
        var count = hashes.Length / TrackerHash.Size;
        var stats = new UdpScrapeStats[count];
        for (var i = 0; i < count; i++)
        {
            SwarmCounts counts;
            try
            {
                counts = await handler.ScrapeAsync(UdpScrapeRequest.InfoHashAt(packet.Span[UdpRequestHeader.Size..], i));
            }
            catch (Exception ex) when (ClusterFaults.IsTransient(ex))
            {
                return Error(response, transactionId, AnnounceHandler.Unavailable);
            }
            stats[i] = counts.Blocked ? default : new UdpScrapeStats(counts.Complete, (int)Math.Min(counts.Downloaded, int.MaxValue), counts.Incomplete);
        }
        return new UdpScrapeResponse(transactionId).Encode(response.Span, stats);
    }

    private static int Error(Memory<byte> response, int transactionId, string message) =>
        new UdpErrorResponse(transactionId, message).Encode(response.Span);
}
