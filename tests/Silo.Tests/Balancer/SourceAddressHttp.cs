using System.Net;
using System.Net.Sockets;

namespace Swarmgrid.Silo.Tests.Balancer;

/// <summary>HTTP clients whose connections leave from a chosen loopback address (127.0.0.2, …): distinct clients to a balancer.</summary>
public static class SourceAddressHttp
{
    public static HttpClient From(IPAddress source, Uri baseAddress) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(source, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(15) };
}
