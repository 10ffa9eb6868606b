using Swarmgrid.BitTorrent.PeerWire;

namespace Swarmgrid.BitTorrent.Client;

/// <summary>
/// Tit-for-tat: every ten seconds, unchoke the interested peers that give us the most (when seeding: that take the
/// most; a snubbed peer only as the optimistic one), keeping one slot for an optimistic unchoke that rotates every 30
/// seconds. Called under the torrent's lock.
/// </summary>
internal sealed class Choker(TorrentManager owner)
{
    private long lastRun = long.MinValue;
    private int rounds;

    /// <summary>Runs a round when ten seconds have passed since the last.</summary>
    public void Tick()
    {
        var time = owner.Engine.Time;
        if (lastRun != long.MinValue && time.GetElapsedTime(lastRun).TotalSeconds < 10)
        {
            return;
        }
        Run(rounds % 3 == 0);
        lastRun = time.GetTimestamp();
        rounds++;
    }

    /// <summary>A peer became interested: unchoke it at once when a slot is free, not at the next round.</summary>
    public void OnInterested(PeerConnection peer)
    {
        if (peer.AmChoking && owner.Peers.Count(p => !p.AmChoking) < owner.Engine.Settings.UnchokeSlots)
        {
            SetChoke(peer, false);
        }
    }

    private void Run(bool rotateOptimistic)
    {
        var seeding = owner.Picker?.IsComplete ?? false;
        var interested = owner.Peers.Where(p => p.PeerInterested).ToList();
        var regular = interested
            .Where(p => seeding || !p.IsSnubbed)
            .OrderByDescending(p => seeding ? p.Upload.BytesPerSecond : p.Download.BytesPerSecond)
            .Take(Math.Max(0, owner.Engine.Settings.UnchokeSlots - 1))
            .ToHashSet();
        var optimistic = interested.Where(p => !regular.Contains(p) && p.OptimisticSince != 0).FirstOrDefault();
        if (optimistic is null || rotateOptimistic)
        {
            if (optimistic is not null)
            {
                optimistic.OptimisticSince = 0;
            }
            var choked = interested.Where(p => !regular.Contains(p)).ToList();
            optimistic = choked.Count == 0 ? null : choked[Random.Shared.Next(choked.Count)];
            if (optimistic is not null)
            {
                optimistic.OptimisticSince = owner.Engine.Time.GetTimestamp();
            }
        }
        foreach (var peer in owner.Peers)
        {
            SetChoke(peer, !(regular.Contains(peer) || peer == optimistic));
        }
    }

    private void SetChoke(PeerConnection peer, bool choke)
    {
        if (peer.AmChoking != choke)
        {
            peer.AmChoking = choke;
            peer.Send(choke ? PeerMessage.Choke : PeerMessage.Unchoke);
            if (choke)
            {
                owner.Transfer.OnChoked(peer);
            }
        }
    }
}
