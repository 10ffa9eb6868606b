using System.Net;
using System.Net.Sockets;
using System.Text;
using Swarmgrid.BitTorrent.Client;
using Swarmgrid.BitTorrent.Creation;
using Swarmgrid.BitTorrent.Discovery;
using Swarmgrid.BitTorrent.Metainfo;
using Swarmgrid.BitTorrent.Tests.Interop;
using Swarmgrid.BitTorrent.Tracker;

using static Swarmgrid.BitTorrent.Tests.Client.InteropTorrents;

namespace Swarmgrid.BitTorrent.Tests.Discovery;

/// <summary>
/// Local service discovery (BEP 14). Multicast needs a network interface that carries it, and tests stay on
/// loopback, which here does not: the engine is given a loopback "group" and a neighbour is played by the test.
/// </summary>
public sealed class LocalDiscoveryTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private static readonly TrackerHash First = TrackerHash.FromBytes(Enumerable.Range(1, 20).Select(i => (byte)i).ToArray());
    private static readonly TrackerHash Second = TrackerHash.FromBytes(Enumerable.Range(21, 20).Select(i => (byte)i).ToArray());

    [Fact]
    public void Encodes_the_bep_14_announce_exactly()
    {
        var bytes = new LsdMessage("239.192.152.143:6771", 6881, [First, Second], "c00k1e").Encode();
        Assert.Equal(
            "BT-SEARCH * HTTP/1.1\r\nHost: 239.192.152.143:6771\r\nPort: 6881\r\n"
            + "Infohash: 0102030405060708090a0b0c0d0e0f1011121314\r\nInfohash: 15161718191a1b1c1d1e1f202122232425262728\r\n"
            + "cookie: c00k1e\r\n\r\n\r\n",
            Encoding.ASCII.GetString(bytes));
        Assert.True(LsdMessage.TryDecode(bytes, out var decoded));
        Assert.Equal((6881, "c00k1e"), (decoded!.Port, decoded.Cookie));
        Assert.Equal([First, Second], decoded.InfoHashes);
    }

    [Fact]
    public void Reads_headers_in_any_case_and_upper_case_hashes()
    {
        var text = "BT-SEARCH * HTTP/1.1\r\nhost: [ff15::efc0:988f]:6771\r\nPORT: 51413\r\ninfohash: 0102030405060708090A0B0C0D0E0F1011121314\r\n\r\n\r\n";
        Assert.True(LsdMessage.TryDecode(Encoding.ASCII.GetBytes(text), out var decoded));
        Assert.Equal(51413, decoded!.Port);
        Assert.Equal([First], decoded.InfoHashes);
        Assert.Null(decoded.Cookie);
    }

    [Theory]
    [InlineData("M-SEARCH * HTTP/1.1\r\nPort: 1\r\nInfohash: 0102030405060708090a0b0c0d0e0f1011121314\r\n\r\n")]
    [InlineData("BT-SEARCH * HTTP/1.1\r\nInfohash: 0102030405060708090a0b0c0d0e0f1011121314\r\n\r\n")]
    [InlineData("BT-SEARCH * HTTP/1.1\r\nPort: 0\r\nInfohash: 0102030405060708090a0b0c0d0e0f1011121314\r\n\r\n")]
    [InlineData("BT-SEARCH * HTTP/1.1\r\nPort: 70000\r\nInfohash: 0102030405060708090a0b0c0d0e0f1011121314\r\n\r\n")]
    [InlineData("BT-SEARCH * HTTP/1.1\r\nPort: 6881\r\nInfohash: 0102\r\n\r\n")]
    [InlineData("garbage")]
    public void Refuses_what_is_not_an_announce(string text) => Assert.False(LsdMessage.TryDecode(Encoding.ASCII.GetBytes(text), out _));

    [Fact]
    public async Task A_peer_announced_by_a_neighbour_is_dialled_and_the_torrent_completes_while_our_own_announces_are_ignored()
    {
        using var seedDir = new TempDirectory();
        using var leechDir = new TempDirectory();
        SampleData.WriteFile(seedDir.Combine("data.bin"), 1 << 20, 91);
        var torrent = (await TorrentCreator.CreateAsync(seedDir.Combine("data.bin"), new TorrentCreationOptions { Version = TorrentVersion.V1, PieceLength = 65536 })).Torrent;
        await using var seeder = LoopbackEngine();
        var seeding = seeder.Add(torrent, seedDir.Path);
        await seeding.StartAsync();
        await seeding.Completion.WaitAsync(Deadline);

        var group = new IPEndPoint(IPAddress.Loopback, Swarmgrid.TestSupport.FreePort.NextUdp());
        await using var engine = new ClientEngine(new EngineSettings
        {
            ListenAddress = IPAddress.Loopback,
            LocalDiscovery = new LocalDiscoverySettings { Group = group },
        });
        engine.StartListening();
        var manager = engine.Add(torrent, leechDir.Path);
        await manager.StartAsync();
        // Our engine announces the torrent to the group, which is itself here: it must not take itself for a peer.
        await WaitForAsync(() => engine.LocalDiscovery!.Sent >= 1);
        Assert.Equal(0, engine.LocalDiscovery!.Heard);

        using var neighbour = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var announce = new LsdMessage(group.ToString(), seeder.ListenPort, [Hash(torrent), Second], "neighbour").Encode();
        await neighbour.SendAsync(announce, group);
        await manager.Completion.WaitAsync(Deadline);

        Assert.Equal(1, engine.LocalDiscovery.Heard);
        Assert.Equal(Sha256(seedDir.Combine("data.bin")), Sha256(leechDir.Combine("data.bin")));
    }

    [Fact]
    public async Task Local_discovery_is_off_by_default_and_private_torrents_are_never_announced()
    {
        await using (var plain = LoopbackEngine())
        {
            Assert.Null(plain.LocalDiscovery);
        }
        using var dir = new TempDirectory();
        SampleData.WriteFile(dir.Combine("data.bin"), 65536, 92);
        var secret = (await TorrentCreator.CreateAsync(dir.Combine("data.bin"),
            new TorrentCreationOptions { Version = TorrentVersion.V1, PieceLength = 65536, IsPrivate = true })).Torrent;
        var open = (await TorrentCreator.CreateAsync(dir.Combine("data.bin"), new TorrentCreationOptions { Version = TorrentVersion.V1, PieceLength = 32768 })).Torrent;
        var group = new IPEndPoint(IPAddress.Loopback, Swarmgrid.TestSupport.FreePort.NextUdp());
        await using var engine = new ClientEngine(new EngineSettings { ListenAddress = IPAddress.Loopback, LocalDiscovery = new LocalDiscoverySettings { Group = group } });
        engine.StartListening();
        await engine.Add(secret, dir.Path).StartAsync();
        await engine.Add(open, dir.Path).StartAsync();

        await WaitForAsync(() => engine.LocalDiscovery!.Announced.Contains(Hash(open)));
        Assert.DoesNotContain(Hash(secret), engine.LocalDiscovery!.Announced);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        while (!condition())
        {
            await Task.Delay(50, deadline.Token);
        }
    }
}
