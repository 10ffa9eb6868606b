using System.Collections.Concurrent;
using System.Security.Claims;
using System.Text.Json;
using Swarmgrid.GrainInterfaces.Client;
using Swarmgrid.Identity;
using Swarmgrid.Realtime;

namespace Swarmgrid.WebFront.Faces.Client;

/// <summary>
/// The inspector focus of each caller, mirrored in this process: set through <c>POST /inspector/focus</c> on any web
/// front (kept by the caller's <see cref="IClientInspectorGrain"/>, which announces changes on the feed), read by the
/// caller's <c>/ws</c> connection here at each tick without a grain call. A caller is a cookie session, a JWT login, or
/// a user's API keys: the REST calls and the socket of one Mosaic client share it.
/// </summary>
public sealed class ClientInspector(IRealtimeFeed feed, IGrainFactory grains) : IHostedService
{
    private static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    private readonly ConcurrentDictionary<string, InspectorFocus?> known = new(StringComparer.Ordinal);
    private IDisposable? subscription;

    /// <summary>Whose focus a request or connection shares.</summary>
    public static string Owner(ClaimsPrincipal user) =>
        CurrentUser.SessionId(user) is { } session ? $"session:{session}"
        : CurrentUser.LoginId(user) is { } login ? $"login:{login}"
        : $"user:{CurrentUser.Id(user)}";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        subscription = feed.Subscribe(events =>
        {
            foreach (var e in events)
            {
                if (e.Type == IClientInspectorGrain.FocusEvent && e.Subject is { } owner)
                {
                    known[owner] = JsonSerializer.Deserialize<InspectorFocus?>(e.Data, PayloadJson);
                }
            }
            return Task.CompletedTask;
        });
        // Events may have been missed while the feed was away: ask the grains again when next needed.
        feed.Resumed += known.Clear;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        feed.Resumed -= known.Clear;
        subscription?.Dispose();
        return Task.CompletedTask;
    }

    public async Task<InspectorFocus?> GetAsync(string owner)
    {
        if (known.TryGetValue(owner, out var focus))
        {
            return focus;
        }
        focus = await grains.GetGrain<IClientInspectorGrain>(owner).GetAsync();
        known.TryAdd(owner, focus);
        return focus;
    }

    public async Task SetAsync(string owner, InspectorFocus? focus)
    {
        await grains.GetGrain<IClientInspectorGrain>(owner).FocusAsync(focus);
        known[owner] = focus;
    }
}

/// <summary>
/// <c>GET /ws</c>: Mosaic's socket. Each second it sends <c>torrents:tick</c> (the TorrentDTO list),
/// <c>stats:tick</c> (GlobalStats) and, while the caller has an inspector focus, <c>inspector:tick</c> (the focused
/// torrent's DetailDTO with the sections its tabs ask for), each as an <see cref="Envelope"/>. Clients send nothing;
/// what they send is read and ignored.
/// </summary>
public sealed class ClientSocketAdapter(ClientTorrentViews views, ClientInspector inspector, TorrentDetailWatch details, TimeProvider clock)
    : IEventSocketAdapter
{
    public const string TorrentsTick = "torrents:tick";
    public const string StatsTick = "stats:tick";
    public const string InspectorTick = "inspector:tick";

    private const string WatchItem = "inspector-watch";

    public TimeSpan? TickEvery => TimeSpan.FromSeconds(1);

    public object? Frame(EventSocketSession session, GrainInterfaces.Realtime.RealtimeEvent e) => null;

    public async ValueTask<IReadOnlyList<object>> TickAsync(EventSocketSession session, CancellationToken cancellationToken)
    {
        var ts = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var (torrents, stats) = await views.TickAsync(cancellationToken);
        var frames = new List<object>(3) { new Envelope(TorrentsTick, ts, torrents), new Envelope(StatsTick, ts, stats) };
        var focus = await inspector.GetAsync(ClientInspector.Owner(session.User));
        Watch(session, focus);
        if (focus is not null && await views.DetailAsync(focus.InfoHash, [.. focus.Tabs], cancellationToken) is { } detail)
        {
            frames.Add(new Envelope(InspectorTick, ts, detail));
        }
        return frames;
    }

    public void Closed(EventSocketSession session) => Watch(session, null);

    /// <summary>Keeps this connection's watch on its focused torrent (so its detail is published) in step with the focus.</summary>
    private void Watch(EventSocketSession session, GrainInterfaces.Client.InspectorFocus? focus)
    {
        var current = session.Items.GetValueOrDefault(WatchItem) as FocusWatch;
        if (current?.Focus == focus || (current is not null && focus is not null && current.Focus.InfoHash == focus.InfoHash
            && current.Focus.Tabs.SequenceEqual(focus.Tabs)))
        {
            return;
        }
        current?.Handle.Dispose();
        session.Items.Remove(WatchItem);
        if (focus is not null && ClientTorrentViews.Parts(focus.Tabs) is var parts && parts != GrainInterfaces.Torrents.DetailParts.None)
        {
            session.Items[WatchItem] = new FocusWatch(focus, details.Watch(focus.InfoHash, parts));
        }
    }

    private sealed record FocusWatch(GrainInterfaces.Client.InspectorFocus Focus, IDisposable Handle);
}
