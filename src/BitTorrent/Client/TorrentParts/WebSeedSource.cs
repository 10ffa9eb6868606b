using Swarmgrid.BitTorrent.Metainfo;
using Swarmgrid.BitTorrent.PeerWire;

namespace Swarmgrid.BitTorrent.Client;

/// <summary>
/// Web seeds (BEP 19) as a piece source beside peers: each URL of the torrent's <c>url-list</c> (and a magnet link's
/// <c>ws=</c>) is a source that has every piece. Two workers per seed take blocks from the picker as a peer would,
/// fetch each contiguous run with HTTP range requests (one per file it crosses; padding reads as zeros), and hand
/// the blocks in to be checked with the rest. A seed that fails backs off (5 s doubling to 5 minutes) and is dropped
/// after five failures in a row, or after as many bad pieces as a peer would be banned for.
/// </summary>
internal sealed class WebSeedSource(TorrentManager owner, IReadOnlyList<string> extraUrls)
{
    /// <summary>Blocks one worker fetches at a time: 256 KiB.</summary>
    private const int BlocksPerFetch = 16;

    private const int WorkersPerSeed = 2;

    private const int MaxFailures = 5;

    private readonly List<WebSeed> seeds = [];
    private CancellationToken? started;

    /// <summary>Block bytes the web seeds delivered.</summary>
    public long Downloaded => seeds.Sum(s => s.Downloaded);

    public IReadOnlyList<WebSeedInfo> Describe() =>
        seeds.Select(s => new WebSeedInfo(s.Url, s.Downloaded, s.Failures, s.BadPieces, s.Disabled, s.LastError)).ToList();

    /// <summary>Starts the workers once the torrent can store pieces. Under the lock.</summary>
    public void Start(Torrent torrent, CancellationToken cancellationToken)
    {
        if (!owner.Engine.Settings.EnableWebSeeds || started == cancellationToken)
        {
            return;
        }
        started = cancellationToken;
        if (seeds.Count == 0)
        {
            foreach (var url in torrent.WebSeeds.Concat(extraUrls).Distinct(StringComparer.Ordinal))
            {
                seeds.Add(new WebSeed(url));
            }
        }
        foreach (var seed in seeds.Where(s => !s.Disabled))
        {
            for (var i = 0; i < WorkersPerSeed; i++)
            {
                _ = Task.Run(() => RunAsync(seed, torrent, cancellationToken), cancellationToken);
            }
        }
    }

    /// <summary>A piece with blocks from <paramref name="seed"/> failed its check. Under the lock.</summary>
    public void OnBadPiece(WebSeed seed)
    {
        seed.BadPieces++;
        if (seed.BadPieces >= owner.Engine.Settings.BadPiecesBeforeBan)
        {
            seed.Disabled = true;
            seed.LastError = $"{seed.BadPieces} pieces failed their hash check";
            owner.Picker?.DiscardBlocksFrom(seed);
        }
    }

    private async Task RunAsync(WebSeed seed, Torrent torrent, CancellationToken cancellationToken)
    {
        var client = owner.Engine.WebSeedClient;
        var all = new Bitfield(torrent.PieceCount);
        all.SetAll();
        try
        {
            while (!cancellationToken.IsCancellationRequested && !seed.Disabled)
            {
                List<BlockRequest> picks;
                lock (owner.Gate)
                {
                    if (owner.Picker is not { } picker || picker.IsComplete)
                    {
                        return;
                    }
                    picks = picker.Pick(seed, all, BlocksPerFetch);
                }
                if (picks.Count == 0)
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), owner.Engine.Time, cancellationToken);
                    continue;
                }
                var delivered = new HashSet<BlockRequest>();
                try
                {
                    foreach (var run in Runs(picks))
                    {
                        var data = await FetchAsync(client, seed, torrent, run, cancellationToken);
                        await owner.DownloadLimit.TakeAsync(data.Length, cancellationToken);
                        lock (owner.Gate)
                        {
                            var at = 0;
                            foreach (var block in run)
                            {
                                owner.Transfer.Deliver(seed, block, data.AsSpan(at, block.Length));
                                delivered.Add(block);
                                at += block.Length;
                            }
                            seed.Downloaded += data.Length;
                            seed.Failures = 0;
                        }
                    }
                }
                catch (Exception ex) when (ex is WebSeedException or HttpRequestException or IOException
                    || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
                {
                    TimeSpan wait;
                    lock (owner.Gate)
                    {
                        foreach (var block in picks.Where(b => !delivered.Contains(b)))
                        {
                            owner.Picker?.Release(seed, block);
                        }
                        seed.Failures++;
                        seed.LastError = ex is OperationCanceledException ? "the web seed timed out" : ex.Message;
                        seed.Disabled |= seed.Failures >= MaxFailures;
                        wait = TimeSpan.FromSeconds(Math.Min(300, 5 << Math.Min(seed.Failures - 1, 6)));
                    }
                    await Task.Delay(wait, owner.Engine.Time, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            lock (owner.Gate)
            {
                owner.Picker?.Release(seed);
            }
        }
    }

    /// <summary>The bytes of one contiguous run of blocks, a range request per file it crosses.</summary>
    private async Task<byte[]> FetchAsync(WebSeedClient client, WebSeed seed, Torrent torrent, List<BlockRequest> run, CancellationToken cancellationToken)
    {
        var offset = (long)run[0].Piece * torrent.PieceLength + run[0].Begin;
        var data = new byte[run.Sum(b => b.Length)];
        var layout = owner.Storage!.Layout;
        foreach (var span in layout.Spans(offset, data.Length))
        {
            if (span.FileIndex < 0)
            {
                continue;
            }
            var file = torrent.Files[span.FileIndex];
            var url = WebSeedClient.FileUrl(seed.Url, torrent, file) ?? throw new WebSeedException($"{seed.Url} is not an http or https URL");
            await client.ReadAsync(url, span.FileOffset, file.Length, data.AsMemory(span.BufferOffset, span.Length), cancellationToken);
        }
        return data;
    }

    /// <summary>Picks split into runs of consecutive blocks of one piece.</summary>
    private static IEnumerable<List<BlockRequest>> Runs(List<BlockRequest> picks)
    {
        List<BlockRequest>? run = null;
        foreach (var block in picks.OrderBy(b => b.Piece).ThenBy(b => b.Begin))
        {
            if (run is not null && run[^1].Piece == block.Piece && run[^1].Begin + run[^1].Length == block.Begin)
            {
                run.Add(block);
                continue;
            }
            if (run is not null)
            {
                yield return run;
            }
            run = [block];
        }
        if (run is not null)
        {
            yield return run;
        }
    }
}

/// <summary>One web seed: the contributor the picker and verifier see, and its record. Fields are under the torrent's lock.</summary>
internal sealed class WebSeed(string url)
{
    public string Url { get; } = url;

    public long Downloaded { get; set; }

    public int Failures { get; set; }

    public int BadPieces { get; set; }

    public bool Disabled { get; set; }

    public string? LastError { get; set; }

    public override string ToString() => Url;
}
