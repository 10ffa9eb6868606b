using System.Net;
using System.Net.Sockets;
using Swarmgrid.BitTorrent.Tracker;
using Swarmgrid.BitTorrent.Tracker.Http;
using Swarmgrid.BitTorrent.Tracker.Udp;

namespace Swarmgrid.BitTorrent.Client;

/// <summary>The standard tracker client: HTTP(S) announces (BEP 3, 23) and UDP announces (BEP 15), chosen by the URL's scheme.</summary>
public sealed class TrackerClient(HttpClient http) : ITrackerClient
{
    private static readonly TimeSpan UdpTimeout = TimeSpan.FromSeconds(5);

    public async Task<AnnounceResult> AnnounceAsync(Uri tracker, AnnounceRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return tracker.Scheme switch
            {
                "http" or "https" => await AnnounceHttpAsync(tracker, request, cancellationToken),
                "udp" => await AnnounceUdpAsync(tracker, request, cancellationToken),
                _ => AnnounceResult.Failure($"unsupported tracker scheme {tracker.Scheme}"),
            };
        }
        catch (Exception ex) when (ex is HttpRequestException or SocketException or IOException or TimeoutException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return AnnounceResult.Failure(ex.Message);
        }
    }

    public async Task<ScrapeResult> ScrapeAsync(Uri tracker, TrackerHash infoHash, CancellationToken cancellationToken)
    {
        try
        {
            return tracker.Scheme switch
            {
                "http" or "https" => await ScrapeHttpAsync(tracker, infoHash, cancellationToken),
                "udp" => await ScrapeUdpAsync(tracker, infoHash, cancellationToken),
                _ => ScrapeResult.Failure($"unsupported tracker scheme {tracker.Scheme}", tracker),
            };
        }
        catch (Exception ex) when (ex is HttpRequestException or SocketException or IOException or TimeoutException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return ScrapeResult.Failure(ex.Message, tracker);
        }
    }

    private async Task<ScrapeResult> ScrapeHttpAsync(Uri tracker, TrackerHash infoHash, CancellationToken cancellationToken)
    {
        if (HttpScrapeQuery.ScrapeUrlOf(tracker.OriginalString) is not { } scrapeUrl)
        {
            return ScrapeResult.Failure("the tracker's URL does not end in announce, so it has no scrape URL (BEP 48)", tracker);
        }
        var url = scrapeUrl + (scrapeUrl.Contains('?') ? "&" : "?") + HttpScrapeQuery.Build([infoHash]);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        var body = await http.GetByteArrayAsync(url, timeout.Token);
        if (!HttpScrapeResponseParser.TryParse(body, out var response, out var error))
        {
            return ScrapeResult.Failure(error, tracker);
        }
        if (response.FailureReason is { } reason)
        {
            return ScrapeResult.Failure(reason, tracker);
        }
        return response.Files.TryGetValue(infoHash, out var entry)
            ? new ScrapeResult(entry.Complete, entry.Downloaded, entry.Incomplete, tracker)
            : ScrapeResult.Failure("the tracker does not know the torrent", tracker);
    }

    private async Task<ScrapeResult> ScrapeUdpAsync(Uri tracker, TrackerHash infoHash, CancellationToken cancellationToken)
    {
        var (socket, connectionId, failure) = await ConnectUdpAsync(tracker, cancellationToken);
        using var _ = socket;
        if (failure is not null)
        {
            return ScrapeResult.Failure(failure, tracker);
        }
        var transaction = Random.Shared.Next();
        var buffer = new byte[UdpScrapeRequest.SizeFor(1)];
        new UdpScrapeRequest(connectionId, transaction).Encode(buffer, [infoHash]);
        var reply = await ExchangeAsync(socket!, buffer, cancellationToken);
        if (UdpErrorResponse.TryDecode(reply, out var refused))
        {
            return ScrapeResult.Failure(refused.Message, tracker);
        }
        if (!UdpScrapeResponse.TryDecode(reply, out var scraped, out var entries) || scraped.TransactionId != transaction
            || UdpScrapeStats.ReadAll(entries) is not [var stats, ..])
        {
            return ScrapeResult.Failure("the tracker's scrape response was malformed", tracker);
        }
        return new ScrapeResult(stats.Seeders, stats.Completed, stats.Leechers, tracker);
    }

    /// <summary>Resolves the tracker and exchanges connect packets (BEP 15); the socket is connected to the tracker.</summary>
    private async Task<(UdpClient? Socket, long ConnectionId, string? Failure)> ConnectUdpAsync(Uri tracker, CancellationToken cancellationToken)
    {
        var addresses = await Dns.GetHostAddressesAsync(tracker.Host, cancellationToken);
        if (addresses.Length == 0)
        {
            return (null, 0, $"{tracker.Host} has no address");
        }
        var endpoint = new IPEndPoint(addresses[0], tracker.Port);
        var socket = new UdpClient(endpoint.AddressFamily);
        try
        {
            socket.Connect(endpoint);
            var buffer = new byte[UdpConnectRequest.Size];
            var transaction = Random.Shared.Next();
            new UdpConnectRequest(transaction).Encode(buffer);
            var reply = await ExchangeAsync(socket, buffer, cancellationToken);
            if (UdpErrorResponse.TryDecode(reply, out var refused))
            {
                return (socket, 0, refused.Message);
            }
            if (!UdpConnectResponse.TryDecode(reply, out var connected) || connected.TransactionId != transaction)
            {
                return (socket, 0, "the tracker's connect response was malformed");
            }
            return (socket, connected.ConnectionId, null);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private async Task<AnnounceResult> AnnounceHttpAsync(Uri tracker, AnnounceRequest request, CancellationToken cancellationToken)
    {
        var url = HttpAnnounceQuery.BuildUrl(tracker.OriginalString, new HttpAnnounceRequest
        {
            InfoHash = request.InfoHash,
            PeerId = request.PeerId,
            Port = request.Port,
            Uploaded = request.Uploaded,
            Downloaded = request.Downloaded,
            Left = request.Left,
            Event = request.Event,
            Compact = true,
            NumWant = request.NumWant,
            Key = request.Key.ToString("x8", System.Globalization.CultureInfo.InvariantCulture),
        });
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        var body = await http.GetByteArrayAsync(url, timeout.Token);
        if (!HttpAnnounceResponseParser.TryParse(body, out var response, out var error))
        {
            return AnnounceResult.Failure(error);
        }
        if (response.FailureReason is { } reason)
        {
            return AnnounceResult.Failure(reason);
        }
        return new AnnounceResult(response.Peers.Select(p => p.Endpoint).ToArray(), TimeSpan.FromSeconds(response.Interval ?? 1800),
            response.MinInterval is { } min ? TimeSpan.FromSeconds(min) : null, response.Complete, response.Incomplete);
    }

    private async Task<AnnounceResult> AnnounceUdpAsync(Uri tracker, AnnounceRequest request, CancellationToken cancellationToken)
    {
        var (socket, connectionId, failure) = await ConnectUdpAsync(tracker, cancellationToken);
        using var _ = socket;
        if (failure is not null)
        {
            return AnnounceResult.Failure(failure);
        }
        var buffer = new byte[UdpAnnounceRequest.Size];
        var transaction = Random.Shared.Next();
        new UdpAnnounceRequest
        {
            ConnectionId = connectionId,
            TransactionId = transaction,
            InfoHash = request.InfoHash,
            PeerId = request.PeerId,
            Downloaded = request.Downloaded,
            Left = request.Left,
            Uploaded = request.Uploaded,
            Event = request.Event,
            Key = request.Key,
            NumWant = request.NumWant,
            Port = request.Port,
        }.Encode(buffer);
        var reply = await ExchangeAsync(socket!, buffer, cancellationToken);
        if (UdpErrorResponse.TryDecode(reply, out var refused))
        {
            return AnnounceResult.Failure(refused.Message);
        }
        if (!UdpAnnounceResponse.TryDecode(reply, out var announced, out var compact) || announced.TransactionId != transaction)
        {
            return AnnounceResult.Failure("the tracker's announce response was malformed");
        }
        var remote = (IPEndPoint)socket!.Client.RemoteEndPoint!;
        return new AnnounceResult(CompactPeers.Read(compact, remote.AddressFamily == AddressFamily.InterNetworkV6),
            TimeSpan.FromSeconds(Math.Max(announced.Interval, 1)), null, announced.Seeders, announced.Leechers);
    }

    /// <summary>Sends and waits for the reply, retrying twice (BEP 15 asks for retries on silence).</summary>
    private async Task<byte[]> ExchangeAsync(UdpClient socket, ReadOnlyMemory<byte> packet, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            await socket.SendAsync(packet, cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(UdpTimeout);
            try
            {
                return (await socket.ReceiveAsync(timeout.Token)).Buffer;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && attempt < 2)
            {
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException("the UDP tracker did not answer");
            }
        }
    }
}
