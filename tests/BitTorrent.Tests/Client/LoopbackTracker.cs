using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Swarmgrid.BitTorrent.Tracker;
using Swarmgrid.BitTorrent.Tracker.Http;

namespace Swarmgrid.BitTorrent.Tests.Client;

/// <summary>
/// A minimal HTTP tracker on loopback, built from the library's own parser and writer, announcing a two-second
/// interval so that leechers started before their seed find it quickly.
/// </summary>
public sealed class LoopbackTracker : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly Dictionary<TrackerHash, Dictionary<TrackerHash, (PeerEndpoint Endpoint, bool Seed)>> swarms = [];
    private readonly Dictionary<TrackerHash, int> completed = [];

    public LoopbackTracker()
    {
        var port = Swarmgrid.TestSupport.FreePort.Next();
        AnnounceUrl = $"http://127.0.0.1:{port}/announce";
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public string AnnounceUrl { get; }

    /// <summary>Seeds currently registered for the torrent.</summary>
    public int Seeds(TrackerHash infoHash)
    {
        lock (swarms)
        {
            return swarms.TryGetValue(infoHash, out var swarm) ? swarm.Values.Count(p => p.Seed) : 0;
        }
    }

    public async Task WaitForSeedAsync(TrackerHash infoHash, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (Seeds(infoHash) == 0)
        {
            await Task.Delay(100, cts.Token);
        }
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            var query = context.Request.RawUrl![(context.Request.RawUrl!.IndexOf('?') + 1)..];
            var body = new ArrayBufferWriter<byte>();
            if (context.Request.Url!.AbsolutePath == "/scrape")
            {
                Scrape(query, body);
                await RespondAsync(context, body);
                continue;
            }
            var parsed = HttpAnnounceRequestParser.Parse(query.AsSpan(), 50, 200);
            if (parsed.IsSuccess)
            {
                var request = parsed.Request;
                PeerEndpoint[] peers;
                lock (swarms)
                {
                    if (!swarms.TryGetValue(request.InfoHash, out var swarm))
                    {
                        swarms[request.InfoHash] = swarm = [];
                    }
                    var address = context.Request.RemoteEndPoint.Address;
                    var endpoint = PeerEndpoint.From(address.AddressFamily == AddressFamily.InterNetworkV6 ? address.MapToIPv4() : address, request.Port);
                    if (request.Event == TrackerEvent.Completed)
                    {
                        completed[request.InfoHash] = completed.GetValueOrDefault(request.InfoHash) + 1;
                    }
                    if (request.Event == TrackerEvent.Stopped)
                    {
                        swarm.Remove(request.PeerId);
                    }
                    else
                    {
                        swarm[request.PeerId] = (endpoint, request.Left == 0);
                    }
                    peers = swarm.Where(p => !p.Key.Equals(request.PeerId)).Select(p => p.Value.Endpoint).ToArray();
                }
                HttpAnnounceResponseWriter.WriteCompact(body, new HttpAnnounceResponseFields(2, 0, 0, 1), peers);
            }
            await RespondAsync(context, body);
        }
    }

    /// <summary>BEP 48: seeds as <c>complete</c>, other peers as <c>incomplete</c>, <c>completed</c> events as <c>downloaded</c>.</summary>
    private void Scrape(string query, ArrayBufferWriter<byte> body)
    {
        var hashes = new TrackerHash[8];
        if (HttpScrapeRequestParser.Parse(query.AsSpan(), hashes, out var count) is not null)
        {
            return;
        }
        lock (swarms)
        {
            var entries = hashes[..count].Where(swarms.ContainsKey).Select(h => new ScrapeEntry(h, swarms[h].Values.Count(p => p.Seed),
                completed.GetValueOrDefault(h), swarms[h].Values.Count(p => !p.Seed))).ToArray();
            HttpScrapeResponseWriter.Write(body, entries);
        }
    }

    private static async Task RespondAsync(HttpListenerContext context, ArrayBufferWriter<byte> body)
    {
        try
        {
            context.Response.ContentType = "text/plain";
            await context.Response.OutputStream.WriteAsync(body.WrittenMemory);
            context.Response.Close();
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or IOException)
        {
            // The client gave up on this announce (it was stopping); keep serving the others.
        }
    }

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
    }
}
