using System.Net;
using Swarmgrid.BitTorrent.PeerWire;
using Swarmgrid.BitTorrent.Tracker;

namespace Swarmgrid.BitTorrent.Client;

/// <summary>
/// BEP 11 peer exchange (ut_pex), both ways: peers others tell us about become candidates, and every peer that speaks
/// ut_pex hears, at most once a minute, which of our peers (that accept connections) came and went since it last
/// heard. Not for private torrents. Called under the torrent's lock.
/// </summary>
internal sealed class PeerExchange(TorrentManager owner)
{
    /// <summary>Peers taken from, or put in, one message (libtorrent's limit); a peer may not flood the candidate list.</summary>
    public const int MaxPeersPerMessage = 50;

    /// <summary>BEP 11: no more than one message a minute to a peer.</summary>
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(60);

    /// <summary>Messages received with at least one usable peer.</summary>
    public int MessagesReceived { get; private set; }

    /// <summary>Messages sent.</summary>
    public int MessagesSent { get; private set; }

    public void OnMessage(PeerConnection peer, PexMessage message)
    {
        if (owner.IsPrivate)
        {
            return;
        }
        var added = 0;
        foreach (var endpoint in message.Added.Take(MaxPeersPerMessage))
        {
            if (endpoint.Port != 0)
            {
                owner.Connections.AddCandidate(endpoint.ToIPEndPoint(), PeerSource.PeerExchange);
                added++;
            }
        }
        MessagesReceived += added > 0 ? 1 : 0;
    }

    /// <summary>Sends each ut_pex peer whose minute is up what changed since its last message, if anything did.</summary>
    public void Tick()
    {
        if (owner.IsPrivate)
        {
            return;
        }
        var now = owner.Engine.Time.GetTimestamp();
        Dictionary<IPEndPoint, PexFlags>? current = null;
        foreach (var peer in owner.Peers)
        {
            var theirId = peer.Extensions?.Extensions.GetValueOrDefault("ut_pex") ?? 0;
            if (theirId == 0 || now < peer.NextPexAt)
            {
                continue;
            }
            current ??= Connected();
            var added = current.Where(c => !peer.PexSent.Contains(c.Key) && !c.Key.Equals(peer.ListenEndpoint)).Take(MaxPeersPerMessage).ToList();
            var dropped = peer.PexSent.Where(e => !current.ContainsKey(e)).Take(MaxPeersPerMessage).ToList();
            if (added.Count == 0 && dropped.Count == 0)
            {
                continue;
            }
            var message = new PexMessage(added.Select(a => PeerEndpoint.From(a.Key)).ToArray(), dropped.Select(PeerEndpoint.From).ToArray(),
                added.Select(a => a.Value).ToArray());
            peer.Send(PeerMessage.Extended(theirId, message.Encode()));
            MessagesSent++;
            foreach (var (endpoint, _) in added)
            {
                peer.PexSent.Add(endpoint);
            }
            foreach (var endpoint in dropped)
            {
                peer.PexSent.Remove(endpoint);
            }
            peer.NextPexAt = now + (long)(Interval.TotalSeconds * owner.Engine.Time.TimestampFrequency);
        }
    }

    /// <summary>Connected peers that accept connections, by the endpoint others can dial.</summary>
    private Dictionary<IPEndPoint, PexFlags> Connected()
    {
        var connected = new Dictionary<IPEndPoint, PexFlags>();
        foreach (var peer in owner.Peers)
        {
            if (peer.ListenEndpoint is { } endpoint)
            {
                connected[endpoint] = (peer.IsSeed ? PexFlags.Seed : 0) | (peer.IsIncoming ? 0 : PexFlags.Reachable)
                    | (peer.IsEncrypted ? PexFlags.PrefersEncryption : 0);
            }
        }
        return connected;
    }
}
