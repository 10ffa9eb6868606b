namespace Swarmgrid.BitTorrent.Client;

/// <summary>
/// The DHT as a peer source (BEP 5): looks the torrent up and announces it (when we accept connections) right away,
/// then every 15 minutes, or every 30 seconds while the torrent has no peers. Not for private torrents.
/// </summary>
internal sealed class DhtPeerSource(TorrentManager owner)
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan Hurry = TimeSpan.FromSeconds(30);

    /// <summary>Lookups done, and peers they found.</summary>
    public int Lookups { get; private set; }

    public int PeersFound { get; private set; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var engine = owner.Engine;
        while (!cancellationToken.IsCancellationRequested && engine.Dht is { } dht)
        {
            if (owner.IsPrivate)
            {
                return;
            }
            if (dht.NodeCount == 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), engine.Time, cancellationToken);
                continue;
            }
            var announce = engine.Settings.AcceptIncoming && engine.ListenPort > 0 && !dht.Settings.ReadOnly;
            var peers = announce
                ? (await dht.AnnounceAsync(owner.WireHash, engine.ListenPort, cancellationToken)).Peers
                : await dht.GetPeersAsync(owner.WireHash, cancellationToken);
            int connected;
            lock (owner.Gate)
            {
                Lookups++;
                PeersFound += peers.Count;
                foreach (var peer in peers)
                {
                    owner.Connections.AddCandidate(peer, PeerSource.Dht);
                }
                connected = owner.Peers.Count;
            }
            await Task.Delay(connected == 0 && !(owner.Picker?.IsComplete ?? false) ? Hurry : Interval, engine.Time, cancellationToken);
        }
    }
}
