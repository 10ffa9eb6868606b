using System.Net;
using System.Net.Sockets;
using Swarmgrid.BitTorrent.Client;

namespace Swarmgrid.BitTorrent.Tests.Client;

/// <summary>A connector that reaches no one, so an engine under test never touches the network.</summary>
public sealed class RefusingConnector : IPeerConnector
{
    public Task<Stream> ConnectAsync(IPEndPoint endpoint, CancellationToken cancellationToken) =>
        Task.FromException<Stream>(new SocketException((int)SocketError.ConnectionRefused));
}
