using System.Threading.Channels;

namespace Swarmgrid.BitTorrent.Tests.Encryption;

/// <summary>
/// Two in-memory stream ends joined back to back. Each direction can be cut after a number of bytes: the reader
/// then sees the end of the stream, as if the writer had hung up there. Disposing an end hangs up its direction.
/// </summary>
public sealed class DuplexPipe
{
    /// <param name="cutAtoB">Bytes from A that reach B before A's direction ends.</param>
    /// <param name="cutBtoA">Bytes from B that reach A before B's direction ends.</param>
    /// <param name="recordAtoB">Keeps a copy of what A sends (lock it to read).</param>
    public DuplexPipe(long cutAtoB = long.MaxValue, long cutBtoA = long.MaxValue, MemoryStream? recordAtoB = null)
    {
        var aToB = Channel.CreateUnbounded<byte[]>();
        var bToA = Channel.CreateUnbounded<byte[]>();
        A = new End(bToA.Reader, aToB.Writer, cutAtoB, recordAtoB);
        B = new End(aToB.Reader, bToA.Writer, cutBtoA, null);
    }

    public Stream A { get; }

    public Stream B { get; }

    private sealed class End(ChannelReader<byte[]> input, ChannelWriter<byte[]> output, long cut, MemoryStream? record) : Stream
    {
        private byte[] current = [];
        private int offset;
        private long written;

        public override bool CanRead => true;

        public override bool CanWrite => true;

        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            while (offset == current.Length)
            {
                if (!await input.WaitToReadAsync(cancellationToken) || !input.TryRead(out var next))
                {
                    return 0;
                }
                (current, offset) = (next, 0);
            }
            var count = Math.Min(buffer.Length, current.Length - offset);
            current.AsMemory(offset, count).CopyTo(buffer);
            offset += count;
            return count;
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var allowed = (int)Math.Max(0, Math.Min(buffer.Length, cut - written));
            if (allowed > 0)
            {
                output.TryWrite(buffer[..allowed].ToArray());
                if (record is not null)
                {
                    lock (record)
                    {
                        record.Write(buffer.Span[..allowed]);
                    }
                }
            }
            written += buffer.Length;
            if (written >= cut)
            {
                output.TryComplete();
            }
            return ValueTask.CompletedTask;
        }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            output.TryComplete();
            base.Dispose(disposing);
        }
    }
}
