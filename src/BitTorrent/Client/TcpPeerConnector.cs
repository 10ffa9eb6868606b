using System.Net;
using System.Net.Sockets;

namespace Swarmgrid.BitTorrent.Client;

/// <summary>Plain TCP connections with Nagle off and generous buffers, optionally from a fixed local address.</summary>
public sealed class TcpPeerConnector(IPAddress? localAddress = null) : IPeerConnector
{
    public async Task<Stream> ConnectAsync(IPEndPoint endpoint, CancellationToken cancellationToken)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            Configure(socket);
            if (localAddress is not null && localAddress.AddressFamily == endpoint.AddressFamily)
            {
                socket.Bind(new IPEndPoint(localAddress, 0));
            }
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            await socket.ConnectAsync(endpoint, timeout.Token);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    internal static void Configure(Socket socket)
    {
        socket.NoDelay = true;
        socket.ReceiveBufferSize = 1 << 20;
        socket.SendBufferSize = 1 << 20;
    }
}
