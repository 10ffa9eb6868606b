using System.Buffers;

namespace Swarmgrid.BitTorrent.Encryption;

/// <summary>
/// A peer connection after the MSE handshake (or after sniffing a plaintext one): bytes already read during the
/// handshake come first, then the socket; with RC4 chosen, reads are decrypted and writes encrypted. Reading and
/// writing may run on two threads at once, each direction on one.
/// </summary>
internal sealed class MseStream(Stream inner, Rc4? decrypt, Rc4? encrypt, byte[] pending) : Stream
{
    private byte[] pending = pending;
    private int pendingOffset;

    /// <summary>Whether payload is RC4-encrypted (false: plaintext after the handshake, or no handshake at all).</summary>
    public bool IsEncrypted => encrypt is not null;

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (pendingOffset < pending.Length)
        {
            var count = Math.Min(buffer.Length, pending.Length - pendingOffset);
            pending.AsMemory(pendingOffset, count).CopyTo(buffer);
            pendingOffset += count;
            if (pendingOffset == pending.Length)
            {
                pending = [];
                pendingOffset = 0;
            }
            return count;
        }
        var read = await inner.ReadAsync(buffer, cancellationToken);
        decrypt?.Apply(buffer.Span[..read]);
        return read;
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (encrypt is null)
        {
            await inner.WriteAsync(buffer, cancellationToken);
            return;
        }
        var scratch = ArrayPool<byte>.Shared.Rent(buffer.Length);
        try
        {
            buffer.Span.CopyTo(scratch);
            encrypt.Apply(scratch.AsSpan(0, buffer.Length));
            await inner.WriteAsync(scratch.AsMemory(0, buffer.Length), cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
