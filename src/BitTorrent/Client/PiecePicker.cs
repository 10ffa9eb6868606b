using Swarmgrid.BitTorrent.PeerWire;

namespace Swarmgrid.BitTorrent.Client;

/// <summary>
/// Chooses blocks to request: blocks of pieces already started first, then new pieces by priority and rarest first
/// (ties broken at random); once every missing block has been asked for, endgame asks a second peer for the
/// outstanding ones. Not thread-safe: the torrent serializes calls.
/// </summary>
public sealed class PiecePicker
{
    private readonly int[] availability;
    private readonly int[] priority;
    private readonly Func<int, int> pieceSize;
    private readonly Dictionary<int, PartialPiece> partials = [];
    private readonly HashSet<int> verifying = [];

    /// <param name="have">Verified pieces; the picker marks pieces here only through <see cref="MarkVerified"/>.</param>
    /// <param name="priority">Per piece: 0 to skip, higher first.</param>
    /// <param name="pieceSize">Bytes in a piece.</param>
    public PiecePicker(Bitfield have, int[] priority, Func<int, int> pieceSize)
    {
        Have = have;
        this.priority = priority;
        this.pieceSize = pieceSize;
        availability = new int[have.Length];
    }

    public Bitfield Have { get; }

    /// <summary>Whether a piece may be started now (a v2 piece cannot be checked before its hash arrives); all when null.</summary>
    public Func<int, bool>? CanStart { get; set; }

    /// <summary>Pieces being downloaded.</summary>
    public IReadOnlyCollection<PartialPiece> Partials => partials.Values;

    /// <summary>Whether every wanted piece is verified.</summary>
    public bool IsComplete => WantedRemaining == 0;

    /// <summary>Wanted pieces not yet verified.</summary>
    public int WantedRemaining
    {
        get
        {
            var count = 0;
            for (var i = 0; i < priority.Length; i++)
            {
                if (priority[i] > 0 && !Have[i])
                {
                    count++;
                }
            }
            return count;
        }
    }

    public bool IsWanted(int piece) => priority[piece] > 0 && !Have[piece] && !verifying.Contains(piece);

    public void SetPriority(int piece, int value) => priority[piece] = value;

    public void AddAvailability(int piece, int delta) => availability[piece] += delta;

    public void AddAvailability(Bitfield bits, int delta)
    {
        for (var i = 0; i < bits.Length; i++)
        {
            if (bits[i])
            {
                availability[i] += delta;
            }
        }
    }

    /// <summary>Whether <paramref name="peerHas"/> holds any piece we still want.</summary>
    public bool IsInteresting(Bitfield peerHas)
    {
        for (var i = 0; i < peerHas.Length; i++)
        {
            if (peerHas[i] && IsWanted(i))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Up to <paramref name="count"/> blocks for <paramref name="peer"/>, which has <paramref name="peerHas"/>.</summary>
    public List<BlockRequest> Pick(object peer, Bitfield peerHas, int count, IReadOnlySet<int>? allowedFast = null)
    {
        var picked = new List<BlockRequest>();
        foreach (var partial in partials.Values)
        {
            if (picked.Count >= count)
            {
                return picked;
            }
            if (peerHas[partial.Index] && (allowedFast is null || allowedFast.Contains(partial.Index)))
            {
                TakeFree(partial, peer, count, picked);
            }
        }
        while (picked.Count < count && StartPiece(peerHas, allowedFast) is { } started)
        {
            TakeFree(started, peer, count, picked);
        }
        if (picked.Count < count)
        {
            TakeEndgame(peer, peerHas, count, picked);
        }
        return picked;
    }

    /// <summary>Stores a received block; the piece when it is now complete. <paramref name="cancelFrom"/> lists peers to cancel the block with.</summary>
    public PartialPiece? BlockReceived(object peer, int piece, int begin, ReadOnlySpan<byte> data, out List<object>? cancelFrom)
    {
        cancelFrom = null;
        if (!partials.TryGetValue(piece, out var partial))
        {
            return null;
        }
        cancelFrom = partial.Store(begin, data, peer);
        if (!partial.IsComplete)
        {
            return null;
        }
        partials.Remove(piece);
        verifying.Add(piece);
        return partial;
    }

    /// <summary>Forgets the requests made to <paramref name="peer"/> (it choked, rejected or left), so others can take them.</summary>
    public void Release(object peer)
    {
        foreach (var partial in partials.Values)
        {
            for (var block = 0; block < partial.BlockCount; block++)
            {
                partial.RemoveRequester(block, peer);
            }
        }
    }

    /// <summary>Drops the blocks a banned <paramref name="peer"/> sent into pieces not yet complete, and its requests.</summary>
    public void DiscardBlocksFrom(object peer)
    {
        foreach (var partial in partials.Values)
        {
            partial.Discard(peer);
        }
        Release(peer);
    }

    /// <summary>Forgets one request (a reject).</summary>
    public void Release(object peer, BlockRequest request)
    {
        if (partials.TryGetValue(request.Piece, out var partial) && request.Begin % BlockRequest.BlockSize == 0)
        {
            var block = request.Begin / BlockRequest.BlockSize;
            if (block < partial.BlockCount)
            {
                partial.RemoveRequester(block, peer);
            }
        }
    }

    /// <summary>A piece passed its hash check.</summary>
    public void MarkVerified(int piece)
    {
        verifying.Remove(piece);
        Have[piece] = true;
    }

    /// <summary>A piece failed its hash check: it is wanted again.</summary>
    public void MarkFailed(int piece) => verifying.Remove(piece);

    private PartialPiece? StartPiece(Bitfield peerHas, IReadOnlySet<int>? allowedFast)
    {
        var best = -1;
        var start = Random.Shared.Next(Math.Max(1, Have.Length));
        for (var k = 0; k < Have.Length; k++)
        {
            var i = (start + k) % Have.Length;
            if (!peerHas[i] || !IsWanted(i) || partials.ContainsKey(i) || (allowedFast is not null && !allowedFast.Contains(i))
                || (CanStart is not null && !CanStart(i)))
            {
                continue;
            }
            if (best < 0 || priority[i] > priority[best] || (priority[i] == priority[best] && availability[i] < availability[best]))
            {
                best = i;
            }
        }
        if (best < 0)
        {
            return null;
        }
        var partial = new PartialPiece(best, pieceSize(best));
        partials.Add(best, partial);
        return partial;
    }

    private static void TakeFree(PartialPiece partial, object peer, int count, List<BlockRequest> picked)
    {
        for (var block = 0; block < partial.BlockCount && picked.Count < count; block++)
        {
            if (!partial.IsReceived(block) && partial.RequesterCount(block) == 0)
            {
                partial.AddRequester(block, peer);
                picked.Add(partial.Block(block));
            }
        }
    }

    private void TakeEndgame(object peer, Bitfield peerHas, int count, List<BlockRequest> picked)
    {
        foreach (var partial in partials.Values)
        {
            if (!peerHas[partial.Index])
            {
                continue;
            }
            for (var block = 0; block < partial.BlockCount && picked.Count < count; block++)
            {
                if (!partial.IsReceived(block) && partial.RequesterCount(block) < 2 && !partial.IsRequestedBy(block, peer))
                {
                    partial.AddRequester(block, peer);
                    picked.Add(partial.Block(block));
                }
            }
        }
    }
}
