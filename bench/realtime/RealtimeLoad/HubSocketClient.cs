using System.Buffers.Text;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;

namespace Swarmgrid.Bench.RealtimeLoad;

/// <summary>
/// A lean SignalR client (JSON protocol over a WebSocket, negotiation skipped) so that thousands of them fit beside the
/// server on two cores: it subscribes to a topic, then only counts the events it receives; a measuring client also
/// reads each event's <c>sent</c> timestamp for the latency figures.
/// </summary>
public sealed class HubSocketClient(Uri hub, string token, bool measuring, Action<double> latency)
{
    private const byte RecordSeparator = 0x1e;
    private static readonly byte[] SentField = "\"sent\":"u8.ToArray();

    private readonly ClientWebSocket socket = new();

    public long Events;

    public async Task ConnectAsync(string topic, CancellationToken cancellationToken)
    {
        socket.Options.KeepAliveInterval = TimeSpan.Zero;
        var url = new UriBuilder(hub) { Scheme = hub.Scheme == "https" ? "wss" : "ws", Query = "access_token=" + Uri.EscapeDataString(token) }.Uri;
        await socket.ConnectAsync(url, cancellationToken);
        await SendAsync("{\"protocol\":\"json\",\"version\":1}", cancellationToken);
        var buffer = new byte[1024];
        var handshake = await socket.ReceiveAsync(buffer, cancellationToken);
        if (Encoding.UTF8.GetString(buffer, 0, handshake.Count).Contains("error", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("hub handshake refused");
        }
        await SendAsync($"{{\"type\":1,\"invocationId\":\"1\",\"target\":\"Subscribe\",\"arguments\":[\"{topic}\"]}}", cancellationToken);
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        var lastPing = Stopwatch.GetTimestamp();
        try
        {
            while (!cancellationToken.IsCancellationRequested && socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }
                Count(buffer.AsSpan(0, result.Count), Stopwatch.GetTimestamp());
                if (Stopwatch.GetElapsedTime(lastPing) > TimeSpan.FromSeconds(10))
                {
                    lastPing = Stopwatch.GetTimestamp();
                    await SendAsync("{\"type\":6}", cancellationToken);
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // The run is over.
        }
    }

    private void Count(ReadOnlySpan<byte> received, long now)
    {
        while (true)
        {
            var at = received.IndexOf(SentField);
            if (at < 0)
            {
                return;
            }
            received = received[(at + SentField.Length)..];
            Events++;
            // A number cut by the end of a read is not a timestamp.
            if (measuring && Utf8Parser.TryParse(received, out long sent, out var length) && length < received.Length
                && received[length] is (byte)',' or (byte)'}')
            {
                latency(Stopwatch.GetElapsedTime(sent, now).TotalMilliseconds);
            }
        }
    }

    private Task SendAsync(string message, CancellationToken cancellationToken) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(message + (char)RecordSeparator), WebSocketMessageType.Text, true, cancellationToken);

    public async Task CloseAsync()
    {
        try
        {
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(1));
        }
        catch (Exception ex) when (ex is WebSocketException or TimeoutException or ObjectDisposedException)
        {
            // Gone already.
        }
        socket.Dispose();
    }
}
