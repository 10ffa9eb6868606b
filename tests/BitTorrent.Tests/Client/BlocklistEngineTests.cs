using System.Net;
using System.Net.Sockets;
using Swarmgrid.BitTorrent.Client;
using Swarmgrid.BitTorrent.Creation;
using Swarmgrid.BitTorrent.Encryption;
using Swarmgrid.BitTorrent.Metainfo;
using Swarmgrid.BitTorrent.PeerWire;
using Swarmgrid.BitTorrent.Tests.Interop;
using Swarmgrid.BitTorrent.Tracker;

namespace Swarmgrid.BitTorrent.Tests.Client;

/// <summary>
/// A blocklist loaded while the engine runs, over loopback TCP: loopback itself is blockable (the filter has no
/// exemptions), connected peers it names are closed, and they are refused afterwards, incoming and outgoing.
/// </summary>
public sealed class BlocklistEngineTests : IDisposable
{
    private const int PieceLength = 65536;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly TempDirectory directory = new();

    [Fact]
    public async Task A_connected_peer_in_a_new_list_is_dropped_and_refused_when_it_comes_back()
    {
        var torrent = await CreateAsync();
        await using var engine = Engine();
        var manager = await SeedAsync(engine, torrent);
        await using var peer = await RawPeer.ConnectAsync(new IPEndPoint(IPAddress.Loopback, engine.ListenPort), Hash(torrent));
        await WaitForAsync(() => manager.GetPeers().Count == 1);

        engine.SetBlocklist(List("127.0.0.0/8"));

        await peer.Closed.WaitAsync(Deadline);
        await WaitForAsync(() => manager.GetPeers().Count == 0);
        await AssertRefusedAsync(engine, torrent);
        Assert.Empty(manager.GetPeers());

        engine.SetBlocklist(null);
        await using var again = await RawPeer.ConnectAsync(new IPEndPoint(IPAddress.Loopback, engine.ListenPort), Hash(torrent));
        await WaitForAsync(() => manager.GetPeers().Count == 1);
    }

    [Fact]
    public async Task An_IPv4_mapped_incoming_peer_is_refused_by_an_IPv4_range()
    {
        var torrent = await CreateAsync();
        // Listening on IPv6Any in dual mode: an IPv4 peer arrives as ::ffff:127.0.0.1.
        await using var engine = Engine(IPAddress.IPv6Any);
        var manager = await SeedAsync(engine, torrent);
        engine.SetBlocklist(List("127.0.0.1"));

        await AssertRefusedAsync(engine, torrent);
        Assert.Empty(manager.GetPeers());
    }

    [Fact]
    public async Task A_peer_in_the_list_is_not_dialed_until_the_list_is_dropped()
    {
        var torrent = await CreateAsync();
        await using var engine = Engine();
        engine.SetBlocklist(List("127.0.0.1"));
        var manager = engine.Add(torrent, directory.Combine("empty"));
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        manager.AddPeer((IPEndPoint)listener.LocalEndpoint);
        await manager.StartAsync();

        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.False(listener.Pending());

        engine.SetBlocklist(null);
        await using var dialed = await RawPeer.AcceptAsync(listener, Hash(torrent));
        Assert.Equal(engine.PeerId, dialed.Remote.PeerId);
    }

    public void Dispose() => directory.Dispose();

    private static IpFilter List(string range)
    {
        var filter = new IpFilter();
        filter.Add(range);
        return filter;
    }

    private static ClientEngine Engine(IPAddress? listen = null)
    {
        // The hand-driven peer speaks plaintext only.
        var engine = new ClientEngine(new EngineSettings { ListenAddress = listen ?? IPAddress.Loopback, Encryption = EncryptionPolicy.Off });
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

    private async Task<Torrent> CreateAsync()
    {
        var path = SampleData.WriteFile(directory.Combine("source", "data.bin"), 4 * PieceLength, 17);
        var torrent = (await TorrentCreator.CreateAsync(path, new TorrentCreationOptions { Version = TorrentVersion.V1, PieceLength = PieceLength })).Torrent;
        File.Copy(path, directory.Combine("data.bin"));
        return torrent;
    }

    private static async Task AssertRefusedAsync(ClientEngine engine, Torrent torrent)
    {
        RawPeer peer;
        try
        {
            peer = await RawPeer.ConnectAsync(new IPEndPoint(IPAddress.Loopback, engine.ListenPort), Hash(torrent));
        }
        catch (Exception ex) when (ex is IOException or SocketException or PeerProtocolException or TimeoutException)
        {
            return;
        }
        await peer.DisposeAsync();
        Assert.Fail("The engine answered the handshake of a peer in its blocklist.");
    }

    private static TrackerHash Hash(Torrent torrent) => TrackerHash.FromBytes(torrent.InfoHashes.Primary.Span);

    private static async Task WaitForAsync(Func<bool> condition)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        while (!condition())
        {
            await Task.Delay(20, deadline.Token);
        }
    }
}
