using System.Buffers;

namespace Swarmgrid.BitTorrent.Client;

/// <summary>A piece being downloaded: its buffer, which blocks arrived and who was asked for the rest.</summary>
public sealed class PartialPiece
{
    private readonly List<object>?[] requesters;
    private readonly bool[] received;
    private readonly object?[] senders;

    internal PartialPiece(int index, int size)
    {
        Index = index;
        Size = size;
        BlockCount = (size + BlockRequest.BlockSize - 1) / BlockRequest.BlockSize;
        requesters = new List<object>?[BlockCount];
        received = new bool[BlockCount];
        senders = new object?[BlockCount];
        Buffer = ArrayPool<byte>.Shared.Rent(size);
    }

    public int Index { get; }

    public int Size { get; }

    public int BlockCount { get; }

    public int ReceivedCount { get; private set; }

    public bool IsComplete => ReceivedCount == BlockCount;

    /// <summary>The piece's bytes (rented; at least <see cref="Size"/> long) until <see cref="Release"/>.</summary>
    public byte[] Buffer { get; private set; }

    /// <summary>Peers whose blocks went into the piece, to blame if its hash fails.</summary>
    public HashSet<object> Contributors { get; } = new(ReferenceEqualityComparer.Instance);

    internal BlockRequest Block(int block) =>
        new(Index, block * BlockRequest.BlockSize, Math.Min(BlockRequest.BlockSize, Size - block * BlockRequest.BlockSize));

    internal bool IsReceived(int block) => received[block];

    internal int RequesterCount(int block) => requesters[block]?.Count ?? 0;

    internal bool IsRequestedBy(int block, object peer) => requesters[block]?.Contains(peer) ?? false;

    internal void AddRequester(int block, object peer) => (requesters[block] ??= []).Add(peer);

    internal void RemoveRequester(int block, object peer) => requesters[block]?.Remove(peer);

    internal bool HasRequester(object peer)
    {
        foreach (var list in requesters)
        {
            if (list is not null && list.Contains(peer))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Stores a block; returns the other peers that were also asked for it (to cancel), or null if it was not wanted.</summary>
    internal List<object>? Store(int begin, ReadOnlySpan<byte> data, object peer)
    {
        if (begin % BlockRequest.BlockSize != 0 || begin / BlockRequest.BlockSize >= BlockCount)
        {
            return null;
        }
        var block = begin / BlockRequest.BlockSize;
        if (received[block] || data.Length != Block(block).Length)
        {
            return null;
        }
        data.CopyTo(Buffer.AsSpan(begin));
        received[block] = true;
        senders[block] = peer;
        ReceivedCount++;
        Contributors.Add(peer);
        var others = requesters[block] ?? [];
        others.Remove(peer);
        requesters[block] = null;
        return others;
    }

    /// <summary>Forgets the blocks <paramref name="peer"/> sent, so they are fetched again from others.</summary>
    internal void Discard(object peer)
    {
        for (var block = 0; block < BlockCount; block++)
        {
            if (ReferenceEquals(senders[block], peer))
            {
                senders[block] = null;
                received[block] = false;
                ReceivedCount--;
            }
        }
        Contributors.Remove(peer);
    }

    /// <summary>Returns the buffer to the pool.</summary>
    public void Release()
    {
        if (Buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(Buffer);
            Buffer = [];
        }
    }
}
