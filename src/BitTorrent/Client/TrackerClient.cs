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
        var addresses = await Dns.GetHostAddressesAsync(tracker.Host, cancellationToken);
        if (addresses.Length == 0)
        {
            return AnnounceResult.Failure($"{tracker.Host} has no address");
        }
        var endpoint = new IPEndPoint(addresses[0], tracker.Port);
        using var socket = new UdpClient(endpoint.AddressFamily);
        socket.Connect(endpoint);
        var buffer = new byte[UdpAnnounceRequest.Size];
        var transaction = Random.Shared.Next();
        new UdpConnectRequest(transaction).Encode(buffer);
        var reply = await ExchangeAsync(socket, buffer.AsMemory(0, UdpConnectRequest.Size), cancellationToken);
        if (UdpErrorResponse.TryDecode(reply, out var refused))
        {
            return AnnounceResult.Failure(refused.Message);
        }
        if (!UdpConnectResponse.TryDecode(reply, out var connected) || connected.TransactionId != transaction)
        {
            return AnnounceResult.Failure("the tracker's connect response was malformed");
        }
        transaction = Random.Shared.Next();
        new UdpAnnounceRequest
        {
            ConnectionId = connected.ConnectionId,
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
        reply = await ExchangeAsync(socket, buffer, cancellationToken);
        if (UdpErrorResponse.TryDecode(reply, out refused))
        {
            return AnnounceResult.Failure(refused.Message);
        }
        if (!UdpAnnounceResponse.TryDecode(reply, out var announced, out var compact) || announced.TransactionId != transaction)
        {
            return AnnounceResult.Failure("the tracker's announce response was malformed");
        }
        return new AnnounceResult(CompactPeers.Read(compact, endpoint.AddressFamily == AddressFamily.InterNetworkV6),
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
