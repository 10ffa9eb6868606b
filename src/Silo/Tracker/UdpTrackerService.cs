using System.Buffers;
using System.Net;
using System.Net.Sockets;

namespace Swarmgrid.Silo.Tracker;

/// <summary>
/// The UDP tracker (BEP 15) on <c>Tracker:UdpPort</c> (6969; 0 turns it off), bound to <c>Tracker:UdpAddress</c>
/// (127.0.0.1 by default, like the HTTP listener). Receive loops never wait on a grain: each datagram is answered
/// on its own task, at most <see cref="MaxInFlight"/> at a time.
/// </summary>
public sealed class UdpTrackerService(IConfiguration configuration, UdpTrackerResponder responder, ILogger<UdpTrackerService> logger)
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

        await Task.WhenAll(Enumerable.Range(0, Math.Max(2, Environment.ProcessorCount)).Select(_ => ReceiveLoopAsync(socket, stoppingToken)));
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
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
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
            var written = await responder.RespondAsync(packet.AsMemory(0, length), sender, response.AsMemory(0, UdpTrackerResponder.MaxResponseSize));
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
