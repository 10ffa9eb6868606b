using System.Buffers.Binary;
using Swarmgrid.BitTorrent.Metainfo;

namespace Swarmgrid.BitTorrent.PeerWire;

/// <summary>
/// The 48-byte header shared by BEP 52's <c>hash request</c> (21), <c>hashes</c> (22) and <c>hash reject</c> (23): a
/// file's pieces root, then four big-endian numbers. <see cref="BaseLayer"/> is the height of the requested hashes
/// above the 16 KiB block leaves; <see cref="Index"/> is the first hash's offset in that layer (a multiple of
/// <see cref="Length"/>); <see cref="ProofLayers"/> asks for the uncle hashes that prove the range up to that many
/// layers above it.
/// </summary>
/// <param name="PiecesRoot">The file's 32-byte merkle root.</param>
/// <param name="BaseLayer">Layer of the requested hashes: 0 is the block layer, log2(piece length / 16 KiB) the piece layer.</param>
/// <param name="Index">Offset of the first hash in the base layer.</param>
/// <param name="Length">Number of base-layer hashes.</param>
/// <param name="ProofLayers">Ancestor layers to prove; the answer carries max(0, ProofLayers − log2(Length) + 1) uncle hashes.</param>
public readonly record struct HashRequest(ReadOnlyMemory<byte> PiecesRoot, int BaseLayer, int Index, int Length, int ProofLayers)
{
    /// <summary>Bytes of the header.</summary>
    public const int Size = MerkleTree.HashSize + 16;

    /// <summary>The most base-layer hashes one request may ask for (libtorrent's limit: 128 MiB pieces at the block layer).</summary>
    public const int MaxLength = 8192;

    /// <summary>Uncle hashes a <c>hashes</c> answer carries after the <see cref="Length"/> base-layer hashes.</summary>
    public int UncleCount => Length <= 0 ? 0 : Math.Max(0, ProofLayers - System.Numerics.BitOperations.Log2((uint)Length) + 1);

    /// <summary>A <c>hash request</c> message.</summary>
    public PeerMessage ToRequest() => PeerMessage.Raw(PeerMessageId.HashRequest, Header());

    /// <summary>A <c>hash reject</c> message for this request.</summary>
    public PeerMessage ToReject() => PeerMessage.Raw(PeerMessageId.HashReject, Header());

    /// <summary>A <c>hashes</c> message: the header, then <paramref name="hashes"/> (base-layer hashes, then uncles from the bottom up).</summary>
    public PeerMessage ToHashes(ReadOnlySpan<byte> hashes)
    {
        var payload = new byte[Size + hashes.Length];
        Write(payload);
        hashes.CopyTo(payload.AsSpan(Size));
        return PeerMessage.Raw(PeerMessageId.Hashes, payload);
    }

    /// <summary>
    /// Reads the header of a hash request, hashes or hash reject message; <paramref name="hashes"/> is what follows
    /// (empty unless a <c>hashes</c> message). False for another message, a negative number, or a wrong length.
    /// </summary>
    public static bool TryRead(PeerMessage message, out HashRequest request, out ReadOnlyMemory<byte> hashes)
    {
        request = default;
        hashes = default;
        var payload = message.Payload;
        if (message.Id is not (PeerMessageId.HashRequest or PeerMessageId.Hashes or PeerMessageId.HashReject) || payload.Length < Size
            || (message.Id != PeerMessageId.Hashes && payload.Length != Size) || (payload.Length - Size) % MerkleTree.HashSize != 0)
        {
            return false;
        }
        var span = payload.Span;
        var numbers = span[MerkleTree.HashSize..];
        var (baseLayer, index, length, proof) = (BinaryPrimitives.ReadInt32BigEndian(numbers), BinaryPrimitives.ReadInt32BigEndian(numbers[4..]),
            BinaryPrimitives.ReadInt32BigEndian(numbers[8..]), BinaryPrimitives.ReadInt32BigEndian(numbers[12..]));
        if ((baseLayer | index | length | proof) < 0)
        {
            return false;
        }
        request = new HashRequest(payload[..MerkleTree.HashSize], baseLayer, index, length, proof);
        hashes = payload[Size..];
        return true;
    }

    /// <summary>Same file and numbers (the root compared by value).</summary>
    public bool Matches(HashRequest other) =>
        PiecesRoot.Span.SequenceEqual(other.PiecesRoot.Span) && (BaseLayer, Index, Length, ProofLayers) == (other.BaseLayer, other.Index, other.Length, other.ProofLayers);

    private byte[] Header()
    {
        var header = new byte[Size];
        Write(header);
        return header;
    }

    private void Write(Span<byte> destination)
    {
        if (PiecesRoot.Length != MerkleTree.HashSize)
        {
            throw new InvalidOperationException("A pieces root has 32 bytes.");
        }
        PiecesRoot.Span.CopyTo(destination);
        var numbers = destination[MerkleTree.HashSize..];
        BinaryPrimitives.WriteInt32BigEndian(numbers, BaseLayer);
        BinaryPrimitives.WriteInt32BigEndian(numbers[4..], Index);
        BinaryPrimitives.WriteInt32BigEndian(numbers[8..], Length);
        BinaryPrimitives.WriteInt32BigEndian(numbers[12..], ProofLayers);
    }
}
