using System.Security.Cryptography;
using Swarmgrid.BitTorrent.Bencoding;
using Swarmgrid.BitTorrent.Metainfo;
using Swarmgrid.BitTorrent.PeerWire;

namespace Swarmgrid.BitTorrent.Client;

/// <summary>
/// Collects the info dictionary from peers (BEP 9) in 16 KiB pieces and checks it against the info-hash before it
/// becomes a <see cref="Torrent"/>. Not thread-safe.
/// </summary>
public sealed class MetadataAssembler(InfoHashes hashes)
{
    /// <summary>Refuse metadata larger than this, whatever a peer claims.</summary>
    public const int MaxMetadataSize = 32 * 1024 * 1024;

    private const long NeverRequested = long.MinValue / 2;

    private byte[]? data;
    private bool[] received = [];
    private long[] requestedAt = [];

    public int Size => data?.Length ?? 0;

    /// <summary>Accepts a size a peer announced in its extension handshake; false when implausible or different.</summary>
    public bool TrySetSize(long size)
    {
        if (size is <= 0 or > MaxMetadataSize)
        {
            return false;
        }
        if (data is null)
        {
            data = new byte[size];
            var pieces = (int)((size + MetadataMessage.PieceSize - 1) / MetadataMessage.PieceSize);
            received = new bool[pieces];
            requestedAt = Enumerable.Repeat(NeverRequested, pieces).ToArray();
        }
        return data.Length == size;
    }

    /// <summary>A piece nobody has been asked for in the last <paramref name="retryAfterTicks"/> ticks, or null.</summary>
    public int? NextRequest(long nowTicks, long retryAfterTicks)
    {
        for (var i = 0; i < received.Length; i++)
        {
            if (!received[i] && nowTicks - requestedAt[i] >= retryAfterTicks)
            {
                requestedAt[i] = nowTicks;
                return i;
            }
        }
        return null;
    }

    /// <summary>Stores a data message; the torrent once every piece is in and the hash matches (else starts over).</summary>
    public Torrent? Add(MetadataMessage message)
    {
        if (data is null || message.Type != MetadataMessageType.Data || message.Piece >= received.Length || message.TotalSize != data.Length)
        {
            return null;
        }
        var offset = message.Piece * MetadataMessage.PieceSize;
        var expected = Math.Min(MetadataMessage.PieceSize, data.Length - offset);
        if (message.Data.Length != expected)
        {
            return null;
        }
        message.Data.Span.CopyTo(data.AsSpan(offset));
        received[message.Piece] = true;
        if (received.Any(r => !r))
        {
            return null;
        }
        var matches = (hashes.V1 is { } v1 && SHA1.HashData(data).AsSpan().SequenceEqual(v1.Span))
            || (hashes.V2 is { } v2 && SHA256.HashData(data).AsSpan().SequenceEqual(v2.Span));
        if (!matches)
        {
            Array.Clear(received);
            Array.Fill(requestedAt, NeverRequested);
            return null;
        }
        try
        {
            return Torrent.LoadInfo(data);
        }
        catch (Exception ex) when (ex is TorrentFormatException or BencodeFormatException)
        {
            return null;
        }
    }
}
