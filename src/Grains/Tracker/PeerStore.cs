using Swarmgrid.GrainInterfaces.Tracker;

namespace Swarmgrid.Grains.Tracker;

/// <summary>
/// The peers of one swarm, as soft state: seeders and leechers in two dense lists (swap-remove keeps them dense),
/// indexed by peer id, so an announce, a removal and a random selection of N peers each cost O(1) or O(N).
/// </summary>
public sealed class PeerStore
{
    private readonly List<Peer> seeders = [];
    private readonly List<Peer> leechers = [];
    private readonly Dictionary<PeerKey, (bool Seeder, int Index)> index = [];

    public int Seeders => seeders.Count;

    public int Leechers => leechers.Count;

    public int Count => index.Count;

    /// <summary>Records an announce and returns the traffic since the peer's previous announce.</summary>
    public TrafficDelta Apply(SwarmAnnounce announce, long nowTicks)
    {
        var key = PeerKey.From(announce.PeerId);
        var known = index.TryGetValue(key, out var slot);
        var previous = known ? ListOf(slot.Seeder)[slot.Index] : default;
        var delta = known
            ? new TrafficDelta(Grow(previous.Uploaded, announce.Uploaded), Grow(previous.Downloaded, announce.Downloaded))
            : new TrafficDelta(announce.Uploaded, announce.Downloaded);

        if (announce.Event == AnnounceEvent.Stopped)
        {
            if (known)
            {
                RemoveAt(slot.Seeder, slot.Index);
            }
            return delta;
        }

        Put(new Peer(key, announce.PeerId, announce.Address, announce.Port, announce.Uploaded, announce.Downloaded, nowTicks), announce.Left == 0,
            known, slot);
        return delta;
    }

    /// <summary>Takes a peer back from a replica unless the swarm has heard from it since; returns whether it was taken.</summary>
    public bool Restore(ReplicatedPeer replicated)
    {
        if (replicated.Removed || replicated.PeerId.Length != 20)
        {
            return false;
        }
        var key = PeerKey.From(replicated.PeerId);
        var known = index.TryGetValue(key, out var slot);
        if (known && ListOf(slot.Seeder)[slot.Index].LastSeenTicks >= replicated.LastSeenTicks)
        {
            return false;
        }
        Put(new Peer(key, replicated.PeerId, replicated.Address, replicated.Port, replicated.Uploaded, replicated.Downloaded, replicated.LastSeenTicks),
            replicated.Seeder, known, slot);
        return true;
    }

    /// <summary>Every peer, as a replica keeps them.</summary>
    public ReplicatedPeer[] Snapshot() =>
        seeders.Select(peer => Replicated(peer, true)).Concat(leechers.Select(peer => Replicated(peer, false))).ToArray();

    private static ReplicatedPeer Replicated(Peer peer, bool seeder) =>
        new(peer.Id, peer.Address, peer.Port, seeder, peer.Uploaded, peer.Downloaded, peer.LastSeenTicks);

    private void Put(Peer peer, bool seeder, bool known, (bool Seeder, int Index) slot)
    {
        var key = peer.Key;
        if (known && slot.Seeder == seeder)
        {
            ListOf(seeder)[slot.Index] = peer;
        }
        else
        {
            if (known)
            {
                RemoveAt(slot.Seeder, slot.Index);
            }
            var list = ListOf(seeder);
            index[key] = (seeder, list.Count);
            list.Add(peer);
        }
    }

    public bool Contains(ReadOnlySpan<byte> peerId) => index.ContainsKey(PeerKey.From(peerId));

    /// <summary>Drops peers not heard from since <paramref name="cutoffTicks"/>; returns how many went.</summary>
    public int ExpireOlderThan(long cutoffTicks)
    {
        var removed = 0;
        foreach (var seeder in new[] { true, false })
        {
            var list = ListOf(seeder);
            for (var i = list.Count - 1; i >= 0; i--)
            {
                if (list[i].LastSeenTicks < cutoffTicks)
                {
                    RemoveAt(seeder, i);
                    removed++;
                }
            }
        }
        return removed;
    }

    public void Clear()
    {
        seeders.Clear();
        leechers.Clear();
        index.Clear();
    }

    /// <summary>
    /// Up to <paramref name="count"/> peers other than the requester, from a random starting point: leechers only
    /// for a seeder (seeders have nothing to gain from each other), seeders and leechers for a leecher.
    /// </summary>
    public SwarmPeers Select(ReadOnlySpan<byte> requesterId, bool requesterIsSeeder, int count, bool includePeerIds, Random random)
    {
        var requester = PeerKey.From(requesterId);
        var poolSize = requesterIsSeeder ? leechers.Count : seeders.Count + leechers.Count;
        var requesterInPool = index.TryGetValue(requester, out var slot) && (!requesterIsSeeder || !slot.Seeder);
        var take = Math.Min(count, poolSize - (requesterInPool ? 1 : 0));
        var selected = new SelectedPeer[Math.Max(take, 0)];
        var found = 0;
        if (take > 0)
        {
            var start = random.Next(poolSize);
            for (var step = 0; step < poolSize && found < take; step++)
            {
                var position = (start + step) % poolSize;
                var peer = requesterIsSeeder ? leechers[position]
                    : position < seeders.Count ? seeders[position] : leechers[position - seeders.Count];
                if (peer.Key != requester)
                {
                    selected[found++] = new SelectedPeer(peer.Address, peer.Port, peer.Id);
                }
            }
        }
        return PeerSelection.Write(selected.AsSpan(0, found), includePeerIds, seeders.Count, leechers.Count);
    }

    private List<Peer> ListOf(bool seeder) => seeder ? seeders : leechers;

    private void RemoveAt(bool seeder, int position)
    {
        var list = ListOf(seeder);
        index.Remove(list[position].Key);
        var last = list.Count - 1;
        if (position != last)
        {
            list[position] = list[last];
            index[list[position].Key] = (seeder, position);
        }
        list.RemoveAt(last);
    }

    // Clients report totals since they started; a smaller total means the client restarted its count.
    private static long Grow(long before, long now) => now >= before ? now - before : now;

    internal readonly record struct SelectedPeer(byte[] Address, ushort Port, byte[] Id);

    private readonly record struct Peer(
        PeerKey Key, byte[] Id, byte[] Address, ushort Port, long Uploaded, long Downloaded, long LastSeenTicks);
}

/// <summary>Bytes a peer reported since its previous announce.</summary>
public readonly record struct TrafficDelta(long Uploaded, long Downloaded);
