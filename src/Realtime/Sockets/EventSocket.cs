using System.Net.WebSockets;
using System.Security.Claims;
using System.Text.Json;
using System.Threading.Channels;
using Swarmgrid.GrainInterfaces.Realtime;
using Swarmgrid.Identity;

namespace Swarmgrid.Realtime;

/// <summary>
/// What a raw WebSocket route of a seed does with the feed: which events become which JSON frames, and how it answers
/// the client's own messages. The mechanism (<see cref="EventSockets.MapEventSocket{TAdapter}"/>) does the rest:
/// authentication, role scoping by topic, a bounded send queue per connection, close handling.
/// </summary>
public interface IEventSocketAdapter
{
    /// <summary>The first frames of a new connection (a hello, a snapshot); none by default.</summary>
    IEnumerable<object> Opening(EventSocketSession session) => [];

    /// <summary>The frame for <paramref name="e"/>, or null to send nothing. Only events the caller's role may see arrive here.</summary>
    object? Frame(EventSocketSession session, RealtimeEvent e);

    /// <summary>Answers a JSON message from the client (subscribe, ping); frames returned are sent back.</summary>
    IEnumerable<object> Receive(EventSocketSession session, JsonElement message) => [];

    /// <summary>How often <see cref="TickAsync"/> runs for each connection (first at once); null for never.</summary>
    TimeSpan? TickEvery => null;

    /// <summary>Frames sent on each tick (periodic snapshots, where a seed pushes state at a fixed rate).</summary>
    ValueTask<IReadOnlyList<object>> TickAsync(EventSocketSession session, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<object>>([]);

    /// <summary>The connection is gone: release what <paramref name="session"/> held.</summary>
    void Closed(EventSocketSession session)
    {
    }
}

/// <summary>One connection: who is on it and what it asked for.</summary>
public sealed class EventSocketSession(ClaimsPrincipal user)
{
    public ClaimsPrincipal User { get; } = user;

    /// <summary>Per-connection choices of the adapter (event types subscribed to, say).</summary>
    public HashSet<string> Subscriptions { get; } = new(StringComparer.Ordinal);

    /// <summary>Whatever else the adapter keeps for this connection.</summary>
    public Dictionary<string, object?> Items { get; } = new(StringComparer.Ordinal);
}

public static class EventSockets
{
    private const int SendQueueFrames = 1024;
    private const int MaxIncomingBytes = 64 * 1024;

    private static readonly JsonSerializerOptions FrameJson = new(JsonSerializerDefaults.Web);

    /// <summary>Maps a WebSocket route that streams the feed through <typeparamref name="TAdapter"/>; add the role it needs.</summary>
    public static RouteHandlerBuilder MapEventSocket<TAdapter>(this IEndpointRouteBuilder routes, string pattern)
        where TAdapter : class, IEventSocketAdapter =>
        routes.MapGet(pattern, (HttpContext context, IRealtimeFeed feed, TAdapter adapter) => RunAsync(context, feed, adapter))
            .ExcludeFromDescription();

    private static async Task<IResult> RunAsync(HttpContext context, IRealtimeFeed feed, IEventSocketAdapter adapter)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            return Hosting.ApiProblem.BadRequest("this route speaks WebSocket only");
        }
        if (CurrentUser.ByCookie(context.User) && !SameOrigin.Holds(context.Request))
        {
            return Hosting.ApiProblem.Forbidden("origin not allowed");
        }
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var session = new EventSocketSession(context.User);
        var (role, userId) = (CurrentUser.Role(context.User), CurrentUser.Id(context.User));
        var outgoing = Channel.CreateBounded<object>(new BoundedChannelOptions(SendQueueFrames) { FullMode = BoundedChannelFullMode.DropOldest });
        foreach (var frame in adapter.Opening(session))
        {
            outgoing.Writer.TryWrite(frame);
        }
        using var subscription = feed.Subscribe(events =>
        {
            foreach (var e in events)
            {
                if (RealtimeTopics.Visible(e, role, userId) && adapter.Frame(session, e) is { } frame)
                {
                    outgoing.Writer.TryWrite(frame);
                }
            }
            return Task.CompletedTask;
        });
        using var closing = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        var sending = SendAsync(socket, outgoing.Reader, closing.Token);
        var ticking = adapter.TickEvery is { } every ? TickAsync(session, adapter, every, outgoing.Writer, closing.Token) : Task.CompletedTask;
        try
        {
            await ReceiveAsync(socket, session, adapter, outgoing.Writer, closing.Token);
            await closing.CancelAsync();
            await sending.ContinueWith(_ => { }, TaskScheduler.Default);
            await ticking.ContinueWith(_ => { }, TaskScheduler.Default);
        }
        finally
        {
            adapter.Closed(session);
        }
        return Results.Empty;
    }

    private static async Task TickAsync(EventSocketSession session, IEventSocketAdapter adapter, TimeSpan every, ChannelWriter<object> frames,
        CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(every);
        do
        {
            IReadOnlyList<object> due;
            try
            {
                due = await adapter.TickAsync(session, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A tick that could not be built (a grain moving between silos) is skipped; the next one follows.
                continue;
            }
            foreach (var frame in due)
            {
                frames.TryWrite(frame);
            }
        }
        while (await timer.WaitForNextTickAsync(cancellationToken));
    }

    private static async Task SendAsync(WebSocket socket, ChannelReader<object> frames, CancellationToken cancellationToken)
    {
        await foreach (var frame in frames.ReadAllAsync(cancellationToken))
        {
            var bytes = JsonSerializer.SerializeToUtf8Bytes(frame, FrameJson);
            await socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
    }

    private static async Task ReceiveAsync(WebSocket socket, EventSocketSession session, IEventSocketAdapter adapter,
        ChannelWriter<object> replies, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxIncomingBytes];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    if (length == buffer.Length)
                    {
                        await socket.CloseAsync(WebSocketCloseStatus.MessageTooBig, "message too big", cancellationToken);
                        return;
                    }
                    result = await socket.ReceiveAsync(buffer.AsMemory(length), cancellationToken);
                    length += result.Count;
                }
                while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cancellationToken);
                    return;
                }
                foreach (var reply in Replies(session, adapter, buffer.AsMemory(0, length)))
                {
                    replies.TryWrite(reply);
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // The client went away.
        }
    }

    private static IEnumerable<object> Replies(EventSocketSession session, IEventSocketAdapter adapter, ReadOnlyMemory<byte> message)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(message, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException)
        {
            return [new Dictionary<string, object?> { ["type"] = "error", ["error"] = "messages must be JSON" }];
        }
        using (document)
        {
            return adapter.Receive(session, document.RootElement).ToList();
        }
    }
}
