using System.Buffers.Binary;

namespace Swarmgrid.BitTorrent.PeerWire;

/// <summary>
/// Splits a peer's byte stream into messages. The payload of each message read is a slice of an internal buffer that
/// the next read reuses, so copy what must outlive it. Throws <see cref="PeerProtocolException"/> for a message longer
/// than the maximum or malformed, and <see cref="EndOfStreamException"/> when the peer closes mid-message.
/// </summary>
public sealed class PeerMessageReader
{
    /// <summary>A default limit: a 16 KiB block with its header and room for large bitfields and metadata pieces.</summary>
    public const int DefaultMaxMessageLength = 1 << 20;

    private readonly Stream stream;
    private readonly int maxMessageLength;
    private byte[] buffer;
    private int start;
    private int end;

    public PeerMessageReader(Stream stream, int maxMessageLength = DefaultMaxMessageLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessageLength, 16);
        this.stream = stream;
        this.maxMessageLength = maxMessageLength;
        buffer = new byte[Math.Min(maxMessageLength + PeerMessage.PrefixSize, 64 * 1024)];
    }

    /// <summary>Bytes read from the stream so far.</summary>
    public long BytesRead { get; private set; }

    /// <summary>Reads the 68-byte handshake that opens a connection.</summary>
    public async ValueTask<Handshake> ReadHandshakeAsync(CancellationToken cancellationToken = default)
    {
        await FillAsync(Handshake.Size, cancellationToken);
        if (!Handshake.TryDecode(buffer.AsSpan(start, Handshake.Size), out var handshake))
        {
            throw new PeerProtocolException("the peer did not send a BitTorrent handshake");
        }
        start += Handshake.Size;
        return handshake;
    }

    /// <summary>Reads the next message; null when the stream ends cleanly between messages.</summary>
    public async ValueTask<PeerMessage?> ReadAsync(CancellationToken cancellationToken = default)
    {
        if (!await FillAsync(PeerMessage.PrefixSize, cancellationToken, allowEnd: true))
        {
            return null;
        }
        var length = BinaryPrimitives.ReadUInt32BigEndian(buffer.AsSpan(start));
        if (length > (uint)maxMessageLength)
        {
            throw new PeerProtocolException($"a message of {length} bytes exceeds the limit of {maxMessageLength}");
        }
        await FillAsync(PeerMessage.PrefixSize + (int)length, cancellationToken);
        var body = buffer.AsMemory(start + PeerMessage.PrefixSize, (int)length);
        start += PeerMessage.PrefixSize + (int)length;
        if (!PeerMessage.TryDecode(body, out var message))
        {
            throw new PeerProtocolException($"a malformed message with id {body.Span[0]} and {length} bytes");
        }
        return message;
    }

    private async ValueTask<bool> FillAsync(int count, CancellationToken cancellationToken, bool allowEnd = false)
    {
        if (end - start >= count)
        {
            return true;
        }
        if (start == end)
        {
            start = end = 0;
        }
        if (buffer.Length - start < count || buffer.Length - end < 4096)
        {
            var target = buffer.Length >= count ? buffer : new byte[Math.Max(count, buffer.Length * 2)];
            Buffer.BlockCopy(buffer, start, target, 0, end - start);
            end -= start;
            start = 0;
            buffer = target;
        }
        while (end - start < count)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(end), cancellationToken);
            if (read == 0)
            {
                if (allowEnd && end == start)
                {
                    return false;
                }
                throw new EndOfStreamException("the peer closed the connection mid-message");
            }
            end += read;
            BytesRead += read;
        }
        return true;
    }
}
