using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Swarmgrid.Hosting;

namespace Swarmgrid.Silo.Tracker;

/// <summary>
/// The UDP tracker (BEP 15) on <c>Tracker:UdpPort</c> (6969; 0 turns it off), bound to <c>Tracker:UdpAddress</c>
/// (127.0.0.1 by default, like the HTTP listener). Receive loops never wait on a grain: each datagram is answered
/// on its own task, at most <see cref="MaxInFlight"/> at a time. A datagram from a trusted proxy may start with a PROXY
/// protocol header naming the real client (a balancer's <c>proxy_protocol on</c>); the answer goes back to the proxy.
/// </summary>
public sealed class UdpTrackerService(IConfiguration configuration, UdpTrackerResponder responder, ClientAddress clientAddress,
    IHostApplicationLifetime lifetime, ILogger<UdpTrackerService> logger)
    : BackgroundService
{
    private const int MaxPacketSize = 1500;
    private const int MaxInFlight = 512;

    private readonly SemaphoreSlim inFlight = new(MaxInFlight);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var port = configuration.GetValue("Tracker:UdpPort", 6969);
        if (port == 0)
        {
            return;
        }
        var address = IPAddress.Parse(configuration["Tracker:UdpAddress"] is { Length: > 0 } text ? text : "127.0.0.1");
        using var socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            socket.DualMode = true;
        }
        socket.Bind(new IPEndPoint(address, port));
        logger.LogInformation("UDP tracker listening on {Endpoint}", socket.LocalEndPoint);

        // The port closes as soon as the process starts stopping, before the silo does: datagrams that arrive then are
        // refused (ICMP port unreachable), which sends a balancer to another silo, instead of being taken in and never
        // answered while the silo winds down.
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lifetime.ApplicationStopping);
        await using var closing = stopping.Token.Register(socket.Close);
        await Task.WhenAll(Enumerable.Range(0, Math.Max(2, Environment.ProcessorCount)).Select(_ => ReceiveLoopAsync(socket, stopping.Token)));
    }

    private async Task ReceiveLoopAsync(Socket socket, CancellationToken stoppingToken)
    {
        EndPoint any = new IPEndPoint(socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!stoppingToken.IsCancellationRequested)
        {
            var packet = ArrayPool<byte>.Shared.Rent(MaxPacketSize);
            try
            {
                var received = await socket.ReceiveFromAsync(packet, SocketFlags.None, any, stoppingToken);
                await inFlight.WaitAsync(stoppingToken);
                _ = AnswerAsync(socket, packet, received.ReceivedBytes, (IPEndPoint)received.RemoteEndPoint, stoppingToken);
            }
            catch (Exception ex) when (stoppingToken.IsCancellationRequested && ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                ArrayPool<byte>.Shared.Return(packet);
                return;
            }
            catch (SocketException ex)
            {
                // ICMP port-unreachable from a vanished client surfaces here; the tracker keeps serving.
                ArrayPool<byte>.Shared.Return(packet);
                logger.LogDebug(ex, "UDP tracker socket error");
            }
        }
    }

    private async Task AnswerAsync(Socket socket, byte[] packet, int length, IPEndPoint sender, CancellationToken stoppingToken)
    {
        var response = ArrayPool<byte>.Shared.Rent(UdpTrackerResponder.MaxResponseSize);
        try
        {
            var request = packet.AsMemory(0, length);
            var client = sender;
            if (ProxyProtocolV1.StartsWithHeader(request.Span) && clientAddress.IsTrustedProxy(sender.Address))
            {
                if (!ProxyProtocolV1.TryRead(request.Span, out var proxied, out var headerLength))
                {
                    return;
                }
                client = proxied ?? sender;
                request = request[headerLength..];
            }
            var written = await responder.RespondAsync(request, client, response.AsMemory(0, UdpTrackerResponder.MaxResponseSize));
            if (written > 0)
            {
                await socket.SendToAsync(response.AsMemory(0, written), SocketFlags.None, sender, stoppingToken);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogDebug(ex, "UDP tracker request from {Sender} failed", sender);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(packet);
            ArrayPool<byte>.Shared.Return(response);
            inFlight.Release();
        }
    }
}
