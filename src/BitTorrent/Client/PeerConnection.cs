using System.Net;
using System.Threading.Channels;
using Swarmgrid.BitTorrent.PeerWire;

namespace Swarmgrid.BitTorrent.Client;

/// <summary>
/// One connected peer after the handshake: a reader, a writer that batches outgoing messages (serving requested
/// blocks from disk as it goes), and the choke/interest state and counters the torrent keeps for it. The state
/// fields are guarded by the owning torrent's lock.
/// </summary>
public sealed class PeerConnection : IAsyncDisposable
{
    private readonly Stream stream;
    private readonly Channel<Outgoing> outbox = Channel.CreateUnbounded<Outgoing>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource closing = new();
    private readonly TimeProvider time;
    private readonly HashSet<BlockRequest> queuedBlocks = [];
    private long lastReceived;
    private long lastSent;

    internal PeerConnection(Stream stream, PeerMessageReader reader, IPEndPoint endpoint, Handshake remote, bool incoming, TimeProvider time)
    {
        this.stream = stream;
        Reader = reader;
        Endpoint = endpoint;
        Remote = remote;
        IsIncoming = incoming;
        Download = new RateMeter(time);
        Upload = new RateMeter(time);
        ConnectedAt = time.GetTimestamp();
        this.time = time;
        lastReceived = lastSent = LastBlockAt = ConnectedAt;
    }

    public IPEndPoint Endpoint { get; }

    public Handshake Remote { get; }

    public bool IsIncoming { get; }

    /// <summary>Where we learned of the peer.</summary>
    public PeerSource Source { get; init; } = PeerSource.Incoming;

    /// <summary>Whether the connection is RC4-encrypted (message stream encryption).</summary>
    public bool IsEncrypted { get; init; }

    public long ConnectedAt { get; }

    /// <summary>Payload bytes received from the peer (blocks).</summary>
    public RateMeter Download { get; }

    /// <summary>Payload bytes sent to the peer (blocks).</summary>
    public RateMeter Upload { get; }

    internal PeerMessageReader Reader { get; }

    internal CancellationToken Closing => closing.Token;

    public bool AmChoking { get; internal set; } = true;

    public bool AmInterested { get; internal set; }

    public bool PeerChoking { get; internal set; } = true;

    public bool PeerInterested { get; internal set; }

    /// <summary>The peer's pieces; null until its bitfield (or have-all/none) arrives.</summary>
    public Bitfield? Has { get; internal set; }

    public bool IsSeed => Has?.AllSet ?? false;

    public ExtensionHandshake? Extensions { get; internal set; }

    internal HashSet<int> AllowedFast { get; } = [];

    /// <summary>What the peer said it has before the torrent's metadata (and so its piece count) was known.</summary>
    internal byte[]? PendingBitfield { get; set; }

    internal bool PendingHaveAll { get; set; }

    internal List<int> PendingHaves { get; } = [];

    internal HashSet<BlockRequest> Requested { get; } = [];

    internal int QueueDepth { get; set; }

    internal long OptimisticSince { get; set; }

    /// <summary>When a message last arrived (any message, keep-alives included).</summary>
    internal long LastReceived => Volatile.Read(ref lastReceived);

    /// <summary>When bytes were last written to the peer.</summary>
    internal long LastSent => Volatile.Read(ref lastSent);

    /// <summary>When the last block arrived, or when requests started after a quiet spell.</summary>
    internal long LastBlockAt { get; set; }

    /// <summary>
    /// The peer let our requests sit unanswered for <see cref="EngineSettings.SnubTimeout"/>: its requests went to
    /// others, it gets one request at a time and only the optimistic unchoke, until a block arrives.
    /// </summary>
    public bool IsSnubbed { get; internal set; }

    /// <summary>Where the peer accepts connections: the endpoint we dialled, or its address with the port it told us; null when unknown.</summary>
    public IPEndPoint? ListenEndpoint =>
        !IsIncoming ? Endpoint : Extensions?.ListenPort is { } port ? new IPEndPoint(Endpoint.Address, port) : null;

    /// <summary>Peer exchange: the endpoints this peer was last told about, and when it may be told again.</summary>
    internal HashSet<IPEndPoint> PexSent { get; } = [];

    internal long NextPexAt { get; set; }

    /// <summary>Hash requests (BEP 52) the peer turned down; others are asked first.</summary>
    internal int HashRejects { get; set; }

    /// <summary>Blocks the peer asked for that wait in the outbox.</summary>
    internal int QueuedBlockCount
    {
        get
        {
            lock (queuedBlocks)
            {
                return queuedBlocks.Count;
            }
        }
    }

    /// <summary>Notes that a message arrived.</summary>
    internal void MarkReceived() => Volatile.Write(ref lastReceived, time.GetTimestamp());

    /// <summary>Queues a message.</summary>
    internal void Send(PeerMessage message) => outbox.Writer.TryWrite(new Outgoing(message, default));

    /// <summary>Queues a block to be read from disk and sent when its turn comes; false when it is queued already.</summary>
    internal bool SendBlock(BlockRequest block)
    {
        lock (queuedBlocks)
        {
            if (!queuedBlocks.Add(block))
            {
                return false;
            }
        }
        return outbox.Writer.TryWrite(new Outgoing(default, block));
    }

    /// <summary>Takes a queued block out of the outbox (a cancel); false when it was sent already or never queued.</summary>
    internal bool CancelBlock(BlockRequest block)
    {
        lock (queuedBlocks)
        {
            return queuedBlocks.Remove(block);
        }
    }

    private bool IsQueued(BlockRequest block)
    {
        lock (queuedBlocks)
        {
            return queuedBlocks.Contains(block);
        }
    }

    /// <summary>Takes every queued block out of the outbox (we choked the peer) and returns them.</summary>
    internal List<BlockRequest> CancelAllBlocks()
    {
        lock (queuedBlocks)
        {
            var all = queuedBlocks.ToList();
            queuedBlocks.Clear();
            return all;
        }
    }

    /// <summary>
    /// Drains the outbox until the connection closes: encodes messages into one buffer and writes it in one call.
    /// Blocks are read through <paramref name="readBlock"/> and paced by <paramref name="uploadLimit"/>.
    /// </summary>
    internal async Task RunWriterAsync(Func<BlockRequest, byte[], bool> readBlock, RateLimiter uploadLimit, Action<BlockRequest> served)
    {
        var buffer = new byte[256 * 1024];
        var block = new byte[BlockRequest.BlockSize];
        var reader = outbox.Reader;
        try
        {
            while (await reader.WaitToReadAsync(closing.Token))
            {
                var length = 0;
                while (length < buffer.Length - BlockRequest.BlockSize - 64 && reader.TryRead(out var item))
                {
                    if (item.Block is { Length: > 0 } request)
                    {
                        if (request.Length > block.Length || !IsQueued(request))
                        {
                            CancelBlock(request);
                            continue;
                        }
                        // The block stays cancellable while it waits for the rate limit: a cancel that arrives meanwhile
                        // still keeps it off the wire (and earns the peer its reject).
                        await uploadLimit.TakeAsync(request.Length, closing.Token);
                        if (!CancelBlock(request) || !readBlock(request, block))
                        {
                            continue;
                        }
                        length += PeerMessage.Piece(request.Piece, request.Begin, block.AsMemory(0, request.Length)).Encode(buffer.AsSpan(length));
                        Upload.Add(request.Length);
                        served(request);
                    }
                    else
                    {
                        var needed = item.Message.EncodedLength;
                        if (needed > buffer.Length - length)
                        {
                            if (length > 0)
                            {
                                await WriteAsync(buffer.AsMemory(0, length));
                                length = 0;
                            }
                            if (needed > buffer.Length)
                            {
                                buffer = new byte[needed];
                            }
                        }
                        length += item.Message.Encode(buffer.AsSpan(length));
                    }
                }
                if (length > 0)
                {
                    await WriteAsync(buffer.AsMemory(0, length));
                }
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException or ChannelClosedException)
        {
        }
        finally
        {
            Close();
        }
    }

    private async ValueTask WriteAsync(ReadOnlyMemory<byte> bytes)
    {
        await stream.WriteAsync(bytes, closing.Token);
        Volatile.Write(ref lastSent, time.GetTimestamp());
    }

    /// <summary>Stops both directions; the read loop ends with an exception or end of stream.</summary>
    internal void Close()
    {
        outbox.Writer.TryComplete();
        try
        {
            closing.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
        stream.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Close();
        closing.Dispose();
        return ValueTask.CompletedTask;
    }

    internal PeerInfo Describe() => new(Endpoint, ListenEndpoint, Extensions?.ClientName, Source, IsIncoming, IsEncrypted, IsSeed, IsSnubbed, AmChoking,
        AmInterested, PeerChoking, PeerInterested, Download.BytesPerSecond, Upload.BytesPerSecond, Download.Total, Upload.Total);

    public override string ToString() => Endpoint.ToString();

    private readonly record struct Outgoing(PeerMessage Message, BlockRequest Block);
}
