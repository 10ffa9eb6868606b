using System.Net;
using System.Net.Sockets;

namespace Swarmgrid.Silo.Tracker;

/// <summary>
/// The UDP tracker (BEP 15) on <c>Tracker:UdpPort</c> (6969; 0 turns it off), bound to <c>Tracker:UdpAddress</c>
/// (127.0.0.1 by default, like the HTTP listener). Several receive loops share the socket so one slow grain call
/// does not stall the others.
/// </summary>
public sealed class UdpTrackerService(IConfiguration configuration, UdpTrackerResponder responder, ILogger<UdpTrackerService> logger)
    : BackgroundService
{
    private const int MaxPacketSize = 1500;

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

        var loops = Enumerable.Range(0, Math.Max(4, Environment.ProcessorCount * 4)).Select(_ => ReceiveLoopAsync(socket, stoppingToken));
        await Task.WhenAll(loops);
    }

    private async Task ReceiveLoopAsync(Socket socket, CancellationToken stoppingToken)
    {
        var packet = new byte[MaxPacketSize];
        var response = new byte[UdpTrackerResponder.MaxResponseSize];
        EndPoint any = new IPEndPoint(socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var received = await socket.ReceiveFromAsync(packet, SocketFlags.None, any, stoppingToken);
                var sender = (IPEndPoint)received.RemoteEndPoint;
                var length = await responder.RespondAsync(packet.AsMemory(0, received.ReceivedBytes), sender, response);
                if (length > 0)
                {
                    await socket.SendToAsync(response.AsMemory(0, length), SocketFlags.None, sender, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException ex)
            {
                // ICMP port-unreachable from a vanished client surfaces here; the tracker keeps serving.
                logger.LogDebug(ex, "UDP tracker socket error");
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                logger.LogWarning(ex, "UDP tracker request failed");
            }
        }
    }
}
