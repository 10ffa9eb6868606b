using Swarmgrid.BitTorrent.PeerWire;

namespace Swarmgrid.BitTorrent.Client;

/// <summary>BEP 11 peer exchange (ut_pex): peers that others tell us about become candidates. Not for private torrents.</summary>
internal sealed class PeerExchange(TorrentManager owner)
{
    /// <summary>Peers taken from one message; a peer may not flood the candidate list.</summary>
    private const int MaxAddedPerMessage = 50;

    public void OnMessage(PeerConnection peer, PexMessage message)
    {
        if (owner.IsPrivate)
        {
            return;
        }
        foreach (var added in message.Added.Take(MaxAddedPerMessage))
        {
            owner.Connections.AddCandidate(added.ToIPEndPoint());
        }
    }
}
