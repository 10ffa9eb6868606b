using System.Net;
using Swarmgrid.BitTorrent.Client;
using Swarmgrid.BitTorrent.Creation;
using Swarmgrid.BitTorrent.Encryption;
using Swarmgrid.BitTorrent.Metainfo;
using Swarmgrid.BitTorrent.Tests.Interop;

namespace Swarmgrid.BitTorrent.Tests.Client;

/// <summary>Peers that misbehave, scripted over loopback TCP: corrupt data and hang-ups in the middle of a piece.</summary>
public sealed class PeerFaultTests : IDisposable
{
    private const int PieceLength = 65536;
    private const int BlocksPerPiece = PieceLength / BlockRequest.BlockSize;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(45);
    private readonly TempDirectory source = new();
    private readonly TempDirectory download = new();

    [Fact]
    public async Task A_peer_sending_corrupt_pieces_is_banned_its_data_discarded_and_the_pieces_fetched_from_an_honest_peer()
    {
        var (torrent, content) = await CreateAsync(16);
        await using var liar = new ScriptedPeer(content, PieceLength, torrent.InfoHashes.Primary, corruptPiece: _ => true);
        // Bans go by address, so the honest peer needs another one.
        await using var honest = new ScriptedPeer(content, PieceLength, torrent.InfoHashes.Primary, address: IPAddress.Parse("127.0.0.2"));
        await using var engine = LoopbackEngine(badPiecesBeforeBan: 2);
        var manager = engine.Add(torrent, download.Path);
        manager.AddPeer(liar.Endpoint);
        await manager.StartAsync();

        await WaitForAsync(() => manager.GetStats().BannedPeers == 1);
        var afterBan = manager.GetStats();
        Assert.Equal(0, afterBan.VerifiedPieces);
        Assert.InRange(afterBan.HashFailures, 2, torrent.PieceCount);

        manager.AddPeer(honest.Endpoint);
        try
        {
            await manager.Completion.WaitAsync(Deadline);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"no completion: {manager.GetStats()}, peers {string.Join(", ", manager.GetPeers())}, honest peer: {honest.Connections} connections, {honest.BlocksSent} blocks");
        }

        Assert.Equal(content, await File.ReadAllBytesAsync(download.Combine(torrent.Name)));
        Assert.Equal(1, liar.Connections);
        Assert.Equal(1, manager.GetStats().BannedPeers);
        Assert.True(honest.BlocksSent >= torrent.PieceCount * BlocksPerPiece);
    }

    [Fact]
    public async Task Blocks_outstanding_at_a_peer_that_hangs_up_mid_piece_are_fetched_from_another_peer()
    {
        var (torrent, content) = await CreateAsync(16);
        var blocksBeforeHangUp = BlocksPerPiece + BlocksPerPiece / 2;
        await using var quitter = new ScriptedPeer(content, PieceLength, torrent.InfoHashes.Primary, hangUpAfterBlocks: blocksBeforeHangUp);
        await using var honest = new ScriptedPeer(content, PieceLength, torrent.InfoHashes.Primary);
        await using var engine = LoopbackEngine(badPiecesBeforeBan: 2);
        var manager = engine.Add(torrent, download.Path);
        manager.AddPeer(quitter.Endpoint);
        await manager.StartAsync();

        await quitter.HungUp.WaitAsync(Deadline);
        await WaitForAsync(() => manager.GetStats().Peers == 0);
        Assert.True(quitter.UnansweredAtHangUp > 0);

        manager.AddPeer(honest.Endpoint);
        await manager.Completion.WaitAsync(Deadline);

        Assert.Equal(content, await File.ReadAllBytesAsync(download.Combine(torrent.Name)));
        Assert.Equal(blocksBeforeHangUp, quitter.BlocksSent);
        // Whatever the quitter delivered in full was kept; the rest, its unanswered requests included, came from the other peer.
        Assert.InRange(honest.BlocksSent, torrent.PieceCount * BlocksPerPiece - blocksBeforeHangUp, (torrent.PieceCount - 1) * BlocksPerPiece);
        Assert.Equal(0, manager.GetStats().HashFailures);
    }

    [Fact]
    public async Task A_peer_that_refuses_the_first_dials_is_dialled_again_until_it_listens()
    {
        var (torrent, content) = await CreateAsync(8);
        var port = FreeTcpPort();
        await using var engine = LoopbackEngine(badPiecesBeforeBan: 2);
        var manager = engine.Add(torrent, download.Path);
        manager.AddPeer(new IPEndPoint(IPAddress.Loopback, port));
        await manager.StartAsync();
        // Long enough for the first dial, and the second after its two-second wait, to be refused.
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(0, manager.GetStats().VerifiedPieces);

        await using var late = new ScriptedPeer(content, PieceLength, torrent.InfoHashes.Primary, port: port);
        await manager.Completion.WaitAsync(Deadline);

        Assert.Equal(content, await File.ReadAllBytesAsync(download.Combine(torrent.Name)));
        Assert.Equal(1, late.Connections);
    }

    public void Dispose()
    {
        source.Dispose();
        download.Dispose();
    }

    // The scripted peers speak plaintext only: with encryption preferred, every dial would first spend a connection on
    // an encrypted handshake they refuse.
    private static ClientEngine LoopbackEngine(int badPiecesBeforeBan) =>
        new(new EngineSettings
        {
            ListenAddress = IPAddress.Loopback, AcceptIncoming = false, BadPiecesBeforeBan = badPiecesBeforeBan, Encryption = EncryptionPolicy.Off,
        });

    private async Task<(Torrent Torrent, byte[] Content)> CreateAsync(int pieces)
    {
        var path = SampleData.WriteFile(source.Combine("data.bin"), pieces * PieceLength, 21);
        var torrent = (await TorrentCreator.CreateAsync(path, new TorrentCreationOptions { Version = TorrentVersion.V1, PieceLength = PieceLength })).Torrent;
        return (torrent, await File.ReadAllBytesAsync(path));
    }

    private static int FreeTcpPort()
    {
        using var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
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
