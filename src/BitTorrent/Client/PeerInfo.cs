using System.Net;

namespace Swarmgrid.BitTorrent.Client;

/// <summary>A snapshot of one connected peer, as libtorrent's <c>peer_info</c>.</summary>
/// <param name="Endpoint">The connection's remote endpoint.</param>
/// <param name="ListenEndpoint">Where the peer accepts connections, when known.</param>
/// <param name="Client">The client name from its extension handshake.</param>
/// <param name="Source">Where we learned of it.</param>
/// <param name="IsIncoming">It connected to us.</param>
/// <param name="IsEncrypted">The connection is RC4-encrypted (MSE).</param>
/// <param name="IsSeed">It has every piece.</param>
/// <param name="IsSnubbed">It sat on our requests.</param>
/// <param name="AmChoking">We choke it.</param>
/// <param name="AmInterested">We want something it has.</param>
/// <param name="PeerChoking">It chokes us.</param>
/// <param name="PeerInterested">It wants something we have.</param>
/// <param name="DownloadRate">Block bytes per second from it.</param>
/// <param name="UploadRate">Block bytes per second to it.</param>
/// <param name="Downloaded">Block bytes from it.</param>
/// <param name="Uploaded">Block bytes to it.</param>
public sealed record PeerInfo(IPEndPoint Endpoint, IPEndPoint? ListenEndpoint, string? Client, PeerSource Source, bool IsIncoming, bool IsEncrypted,
    bool IsSeed, bool IsSnubbed, bool AmChoking, bool AmInterested, bool PeerChoking, bool PeerInterested, long DownloadRate, long UploadRate,
    long Downloaded, long Uploaded);
