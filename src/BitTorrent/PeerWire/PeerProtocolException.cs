namespace Swarmgrid.BitTorrent.PeerWire;

/// <summary>
/// The peer broke the wire protocol (a bad handshake, an oversized or malformed message). The only exception the
/// readers in this namespace throw for bad input; the connection should be dropped.
/// </summary>
public sealed class PeerProtocolException(string message) : Exception(message);
