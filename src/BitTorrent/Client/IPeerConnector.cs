using System.Net;

namespace Swarmgrid.BitTorrent.Client;

/// <summary>Opens outgoing peer connections (TCP by default; replaceable for tests or other transports).</summary>
public interface IPeerConnector
{
    Task<Stream> ConnectAsync(IPEndPoint endpoint, CancellationToken cancellationToken);
}
