using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Threading.Channels;
using Swarmgrid.BitTorrent.PeerWire;
using Swarmgrid.BitTorrent.Tracker;

namespace Swarmgrid.BitTorrent.Tests.Client;

/// <summary>
/// One peer wire connection the test drives by hand: it handshakes, then every message the engine sends lands in
/// <see cref="Received"/> (copied), and the test writes whatever it likes. Reads end at the engine's hang-up.
/// </summary>
public sealed class RawPeer : IAsyncDisposable
{
    private readonly Stream stream;
    private readonly Channel<PeerMessage> received = Channel.CreateUnbounded<PeerMessage>();
    private readonly TaskCompletionSource closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private RawPeer(Stream stream, Handshake remote)
    {
        this.stream = stream;
        Remote = remote;
    }

    /// <summary>The engine's handshake.</summary>
    public Handshake Remote { get; }

    /// <summary>Completes when the engine closes the connection.</summary>
    public Task Closed => closed.Task;

    /// <summary>The extension protocol and the fast extension.</summary>
    public const ulong DefaultReserved = Handshake.ExtensionProtocolBit | Handshake.FastExtensionBit;

    /// <summary>Dials <paramref name="endpoint"/> and handshakes for <paramref name="infoHash"/>.</summary>
    public static async Task<RawPeer> ConnectAsync(IPEndPoint endpoint, TrackerHash infoHash, ulong reserved = DefaultReserved)
    {
        var client = new TcpClient(endpoint.AddressFamily);
        await client.ConnectAsync(endpoint);
        return await HandshakeAsync(client.GetStream(), infoHash, reserved, sendFirst: true);
    }

    /// <summary>Accepts one connection on <paramref name="listener"/> and answers its handshake.</summary>
    public static async Task<RawPeer> AcceptAsync(TcpListener listener, TrackerHash infoHash, ulong reserved = DefaultReserved)
    {
        var socket = await listener.AcceptSocketAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return await HandshakeAsync(new NetworkStream(socket, ownsSocket: true), infoHash, reserved, sendFirst: false);
    }

    private static async Task<RawPeer> HandshakeAsync(Stream stream, TrackerHash infoHash, ulong reserved, bool sendFirst)
    {
        var own = new byte[Handshake.Size];
        new Handshake(reserved, infoHash, TrackerHash.FromBytes(RandomNumberGenerator.GetBytes(20))).Encode(own);
        if (sendFirst)
        {
            await stream.WriteAsync(own);
        }
        var reader = new PeerMessageReader(stream);
        var remote = await reader.ReadHandshakeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(15));
        if (!sendFirst)
        {
            await stream.WriteAsync(own);
        }
        var peer = new RawPeer(stream, remote);
        _ = Task.Run(() => peer.ReadLoopAsync(reader));
        return peer;
    }

    public async Task SendAsync(PeerMessage message)
    {
        var bytes = new byte[message.EncodedLength];
        message.Encode(bytes);
        await stream.WriteAsync(bytes);
    }

    /// <summary>The next message the engine sent that matches, skipping others; a timeout or the hang-up fails the test.</summary>
    public async Task<PeerMessage> ExpectAsync(Func<PeerMessage, bool> match, TimeSpan? timeout = null, string? what = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        try
        {
            while (true)
            {
                var message = await received.Reader.ReadAsync(deadline.Token);
                if (match(message))
                {
                    return message;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException)
        {
            throw new TimeoutException($"the engine never sent {what ?? "the expected message"}", ex);
        }
    }

    /// <summary>Messages already received and not yet taken.</summary>
    public List<PeerMessage> Drain()
    {
        var all = new List<PeerMessage>();
        while (received.Reader.TryRead(out var message))
        {
            all.Add(message);
        }
        return all;
    }

    private async Task ReadLoopAsync(PeerMessageReader reader)
    {
        try
        {
            while (await reader.ReadAsync() is { } message)
            {
                received.Writer.TryWrite(Copy(message));
            }
        }
        catch (Exception ex) when (ex is IOException or PeerProtocolException or EndOfStreamException or ObjectDisposedException or SocketException)
        {
        }
        received.Writer.TryComplete();
        closed.TrySetResult();
    }

    /// <summary>Payloads point into the reader's buffer: copy them before the next read.</summary>
    private static PeerMessage Copy(PeerMessage message)
    {
        var bytes = new byte[message.EncodedLength];
        message.Encode(bytes);
        PeerMessage.TryDecode(bytes.AsMemory(PeerMessage.PrefixSize), out var copy);
        return copy;
    }

    public ValueTask DisposeAsync()
    {
        stream.Dispose();
        return ValueTask.CompletedTask;
    }
}
