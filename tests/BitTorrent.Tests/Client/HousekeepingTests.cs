using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Time.Testing;
using Swarmgrid.BitTorrent.Client;
using Swarmgrid.BitTorrent.Creation;
using Swarmgrid.BitTorrent.Metainfo;
using Swarmgrid.BitTorrent.PeerWire;
using Swarmgrid.BitTorrent.Tests.Interop;
using Swarmgrid.BitTorrent.Tracker;

namespace Swarmgrid.BitTorrent.Tests.Client;

/// <summary>
/// Connection upkeep on a clock the test moves: keep-alives, idle peers dropped, cancels honoured, snubbed peers.
/// The wire is real (loopback TCP, a hand-driven peer); only time is fake.
/// </summary>
public sealed class HousekeepingTests : IDisposable
{
    private const int PieceLength = 65536;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly TempDirectory directory = new();
    private readonly FakeTimeProvider time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z"));

    [Fact]
    public async Task A_quiet_connection_gets_keep_alives_and_a_silent_peer_is_dropped_after_the_idle_timeout()
    {
        var torrent = await CreateAsync(4);
        await using var engine = Engine();
        var manager = await SeedAsync(engine, torrent);
        await using var peer = await RawPeer.ConnectAsync(new IPEndPoint(IPAddress.Loopback, engine.ListenPort), Hash(torrent));
        await peer.ExpectAsync(m => m.Id == PeerMessageId.HaveAll, what: "have-all");
        await WaitForAsync(() => manager.GetPeers().Count == 1);

        await AdvanceAsync(TimeSpan.FromSeconds(61));
        await peer.ExpectAsync(m => m.Id == PeerMessageId.KeepAlive, what: "a keep-alive");
        Assert.False(peer.Closed.IsCompleted);

        await AdvanceAsync(TimeSpan.FromSeconds(60));
        await peer.Closed.WaitAsync(Deadline);
        await WaitForAsync(() => manager.GetPeers().Count == 0);
    }

    [Fact]
    public async Task A_peer_that_keeps_talking_is_not_dropped()
    {
        var torrent = await CreateAsync(4);
        await using var engine = Engine();
        var manager = await SeedAsync(engine, torrent);
        await using var peer = await RawPeer.ConnectAsync(new IPEndPoint(IPAddress.Loopback, engine.ListenPort), Hash(torrent));
        await WaitForAsync(() => manager.GetPeers().Count == 1);

        for (var i = 0; i < 5; i++)
        {
            await peer.SendAsync(PeerMessage.KeepAlive);
            await Task.Delay(100);
            await AdvanceAsync(TimeSpan.FromSeconds(50));
        }

        Assert.False(peer.Closed.IsCompleted);
        Assert.Single(manager.GetPeers());
    }

    [Fact]
    public async Task A_cancelled_request_still_queued_is_not_sent_and_is_rejected_under_the_fast_extension()
    {
        var torrent = await CreateAsync(4);
        await using var engine = Engine();
        var manager = engine.Add(torrent, directory.Path);
        // One block a second on the fake clock: the second and third requests wait in the outbox until time moves.
        manager.UploadLimit.BytesPerSecond = BlockRequest.BlockSize;
        await manager.StartAsync();
        await manager.Completion.WaitAsync(Deadline);
        await using var peer = await RawPeer.ConnectAsync(new IPEndPoint(IPAddress.Loopback, engine.ListenPort), Hash(torrent));
        await peer.SendAsync(PeerMessage.Interested);
        await peer.ExpectAsync(m => m.Id == PeerMessageId.Unchoke, what: "an unchoke");

        for (var block = 0; block < 3; block++)
        {
            await peer.SendAsync(PeerMessage.Request(1, block * BlockRequest.BlockSize, BlockRequest.BlockSize));
        }
        await peer.SendAsync(PeerMessage.Cancel(1, 2 * BlockRequest.BlockSize, BlockRequest.BlockSize));

        var answers = new List<PeerMessage>();
        for (var i = 0; i < 40 && answers.Count < 3; i++)
        {
            await AdvanceAsync(TimeSpan.FromSeconds(1));
            answers.AddRange(peer.Drain().Where(m => m.Id is PeerMessageId.Piece or PeerMessageId.Reject));
        }
        Assert.Equal(
            [(PeerMessageId.Piece, 0), (PeerMessageId.Piece, BlockRequest.BlockSize), (PeerMessageId.Reject, 2 * BlockRequest.BlockSize)],
            answers.Select(m => (m.Id, m.Begin)).OrderBy(a => a.Begin));
    }

    [Fact]
    public async Task A_peer_that_sits_on_our_requests_is_snubbed_its_requests_cancelled_until_it_sends_a_block()
    {
        var torrent = await CreateAsync(8);
        var content = await File.ReadAllBytesAsync(directory.Combine("source", "data.bin"));
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        await using var engine = Engine(acceptIncoming: false);
        var manager = engine.Add(torrent, directory.Combine("download"));
        manager.AddPeer((IPEndPoint)listener.LocalEndpoint);
        await manager.StartAsync();
        await WaitForAsync(() => manager.State == TorrentState.Downloading);
        await AdvanceAsync(TimeSpan.FromSeconds(1));
        await using var peer = await RawPeer.AcceptAsync(listener, Hash(torrent));
        await peer.SendAsync(PeerMessage.HaveAll);
        await peer.SendAsync(PeerMessage.Unchoke);
        var first = await peer.ExpectAsync(m => m.Id == PeerMessageId.Request, what: "a request");
        await Task.Delay(200);
        var requests = peer.Drain().Where(m => m.Id == PeerMessageId.Request).Append(first).Select(m => (m.PieceIndex, m.Begin)).ToHashSet();
        Assert.False(manager.GetPeers().Single().IsSnubbed);

        await AdvanceAsync(TimeSpan.FromSeconds(61));
        await WaitForAsync(() => manager.GetPeers().Single().IsSnubbed);
        var cancels = new HashSet<(int, int)>();
        while (cancels.Count < requests.Count)
        {
            var cancel = await peer.ExpectAsync(m => m.Id == PeerMessageId.Cancel, what: "a cancel for every request");
            cancels.Add((cancel.PieceIndex, cancel.Begin));
        }
        Assert.Equal(requests, cancels);

        // Snubbed, it gets one request at a time; answering it lifts the snub.
        var next = await peer.ExpectAsync(m => m.Id == PeerMessageId.Request, what: "a single request after the snub");
        await peer.SendAsync(PeerMessage.Piece(next.PieceIndex, next.Begin,
            content.AsMemory(next.PieceIndex * PieceLength + next.Begin, next.BlockLength)));
        await WaitForAsync(() => !manager.GetPeers().Single().IsSnubbed);
    }

    public void Dispose() => directory.Dispose();

    private ClientEngine Engine(bool acceptIncoming = true)
    {
        var engine = new ClientEngine(new EngineSettings { ListenAddress = IPAddress.Loopback, AcceptIncoming = acceptIncoming }, time);
        engine.StartListening();
        return engine;
    }

    private async Task<TorrentManager> SeedAsync(ClientEngine engine, Torrent torrent)
    {
        var manager = engine.Add(torrent, directory.Path);
        await manager.StartAsync();
        await manager.Completion.WaitAsync(Deadline);
        return manager;
    }

    private async Task<Torrent> CreateAsync(int pieces)
    {
        var path = SampleData.WriteFile(directory.Combine("source", "data.bin"), pieces * PieceLength, 31);
        var torrent = (await TorrentCreator.CreateAsync(path, new TorrentCreationOptions { Version = TorrentVersion.V1, PieceLength = PieceLength })).Torrent;
        File.Copy(path, directory.Combine("data.bin"));
        return torrent;
    }

    private static TrackerHash Hash(Torrent torrent) => TrackerHash.FromBytes(torrent.InfoHashes.Primary.Span);

    /// <summary>Moves the clock and gives the engine's once-a-second loop a moment of real time to act on it.</summary>
    private async Task AdvanceAsync(TimeSpan by)
    {
        time.Advance(by);
        await Task.Delay(100);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        while (!condition())
        {
            await Task.Delay(20, deadline.Token);
        }
    }
}
