using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Swarmgrid.WebFront.Tests;

/// <summary>A WebSocket client that keeps every JSON frame it receives, for tests that wait on what a socket pushed.</summary>
public sealed class FrameSocket : IAsyncDisposable
{
    private readonly ClientWebSocket socket;
    private readonly List<JsonNode> frames = [];
    private readonly SemaphoreSlim arrived = new(0);
    private readonly CancellationTokenSource closing = new();
    private readonly Task receiving;

    private FrameSocket(ClientWebSocket socket)
    {
        this.socket = socket;
        receiving = Task.Run(ReceiveAsync);
    }

    public static async Task<FrameSocket> ConnectAsync(Uri uri, CookieContainer? cookies = null, string? origin = null)
    {
        var socket = new ClientWebSocket();
        if (cookies is not null)
        {
            socket.Options.Cookies = cookies;
        }
        if (origin is not null)
        {
            socket.Options.SetRequestHeader("Origin", origin);
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await socket.ConnectAsync(uri, timeout.Token);
        return new FrameSocket(socket);
    }

    public IReadOnlyList<JsonNode> Frames
    {
        get
        {
            lock (frames)
            {
                return [.. frames];
            }
        }
    }

    /// <summary>The first frame, received so far or later, that <paramref name="match"/> accepts.</summary>
    public async Task<JsonNode> WaitForAsync(Func<JsonNode, bool> match, TimeSpan timeout, string what)
    {
        using var deadline = new CancellationTokenSource(timeout);
        var seen = 0;
        while (true)
        {
            var all = Frames;
            for (; seen < all.Count; seen++)
            {
                if (match(all[seen]))
                {
                    return all[seen];
                }
            }
            try
            {
                await arrived.WaitAsync(TimeSpan.FromMilliseconds(250), deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"no frame showed {what} in {timeout.TotalSeconds} s; the last: {all.LastOrDefault()?.ToJsonString()}");
            }
        }
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[1 << 16];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                using var message = new MemoryStream();
                WebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer, closing.Token);
                    message.Write(buffer, 0, result.Count);
                }
                while (!result.EndOfMessage);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }
                var frame = JsonNode.Parse(Encoding.UTF8.GetString(message.ToArray()))!;
                lock (frames)
                {
                    frames.Add(frame);
                }
                arrived.Release();
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await closing.CancelAsync();
        await receiving;
        socket.Abort();
        socket.Dispose();
        closing.Dispose();
    }
}
