using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Swarmgrid.BitTorrent.PeerWire;
using Swarmgrid.BitTorrent.Tracker;

namespace Swarmgrid.BitTorrent.Tests.Client;

/// <summary>
/// A seed on loopback TCP that follows a script: it has every piece, unchokes at once and answers requests from
/// <c>content</c>, optionally corrupting the blocks of chosen pieces or hanging up after a number of blocks.
/// </summary>
public sealed class ScriptedPeer : IAsyncDisposable
{
    private readonly TcpListener listener;
    private readonly CancellationTokenSource closing = new();
    private readonly byte[] content;
    private readonly int pieceLength;
    private readonly TrackerHash infoHash;
    private readonly Func<int, bool> corruptPiece;
    private readonly int? hangUpAfterBlocks;
    private readonly TaskCompletionSource hungUp = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task acceptLoop;
    private int blocksSent;
    private int connections;

    public ScriptedPeer(byte[] content, int pieceLength, Swarmgrid.BitTorrent.Metainfo.InfoHash infoHash, Func<int, bool>? corruptPiece = null, int? hangUpAfterBlocks = null,
        IPAddress? address = null, int port = 0)
    {
        listener = new TcpListener(address ?? IPAddress.Loopback, port);
        this.content = content;
        this.pieceLength = pieceLength;
        this.infoHash = TrackerHash.FromBytes(infoHash.Span);
        this.corruptPiece = corruptPiece ?? (_ => false);
        this.hangUpAfterBlocks = hangUpAfterBlocks;
        listener.Start();
        Endpoint = (IPEndPoint)listener.LocalEndpoint;
        acceptLoop = Task.Run(AcceptAsync);
    }

    public IPEndPoint Endpoint { get; }

    /// <summary>Blocks sent so far, over all connections.</summary>
    public int BlocksSent => Volatile.Read(ref blocksSent);

    /// <summary>Connections accepted so far.</summary>
    public int Connections => Volatile.Read(ref connections);

    /// <summary>Requests read but not answered when the peer hung up.</summary>
    public int UnansweredAtHangUp { get; private set; }

    /// <summary>Completes when the scripted hang-up has happened.</summary>
    public Task HungUp => hungUp.Task;

    private async Task AcceptAsync()
    {
        while (!closing.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptSocketAsync(closing.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            Interlocked.Increment(ref connections);
            _ = Task.Run(() => ServeAsync(socket));
            if (hangUpAfterBlocks is not null)
            {
                // A peer that hangs up is gone: later connection attempts are refused.
                listener.Stop();
                return;
            }
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        await using var stream = new NetworkStream(socket, ownsSocket: true);
        var reader = new PeerMessageReader(stream);
        var pending = 0;
        try
        {
            var remote = await reader.ReadHandshakeAsync(closing.Token);
            if (remote.InfoHash != infoHash)
            {
                return;
            }
            await WriteAsync(stream, new Handshake(0, infoHash, TrackerHash.FromBytes(RandomNumberGenerator.GetBytes(20))));
            var pieces = (content.Length + pieceLength - 1) / pieceLength;
            var bits = new Bitfield(pieces);
            bits.SetAll();
            await WriteAsync(stream, PeerMessage.Bitfield(bits.Span.ToArray()));
            await WriteAsync(stream, PeerMessage.Unchoke);
            while (await reader.ReadAsync(closing.Token) is { } message)
            {
                if (message.Id != PeerMessageId.Request)
                {
                    continue;
                }
                pending++;
                if (hangUpAfterBlocks is { } limit && BlocksSent >= limit)
                {
                    UnansweredAtHangUp = pending;
                    hungUp.TrySetResult();
                    return;
                }
                var block = content.AsMemory((int)((long)message.PieceIndex * pieceLength + message.Begin), message.BlockLength).ToArray();
                if (corruptPiece(message.PieceIndex))
                {
                    block[0] ^= 0xFF;
                }
                await WriteAsync(stream, PeerMessage.Piece(message.PieceIndex, message.Begin, block));
                pending--;
                Interlocked.Increment(ref blocksSent);
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or PeerProtocolException or EndOfStreamException)
        {
        }
    }

    private async Task WriteAsync(Stream stream, Handshake handshake)
    {
        var bytes = new byte[Handshake.Size];
        handshake.Encode(bytes);
        await stream.WriteAsync(bytes, closing.Token);
    }

    private async Task WriteAsync(Stream stream, PeerMessage message)
    {
        var bytes = new byte[message.EncodedLength];
        message.Encode(bytes);
        await stream.WriteAsync(bytes, closing.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await closing.CancelAsync();
        listener.Stop();
        await acceptLoop;
        closing.Dispose();
    }
}
