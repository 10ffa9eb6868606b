using System.Net;
using Swarmgrid.BitTorrent.Client;
using Swarmgrid.BitTorrent.Creation;
using Swarmgrid.BitTorrent.Encryption;
using Swarmgrid.BitTorrent.Metainfo;
using Swarmgrid.BitTorrent.Tests.Interop;
using Swarmgrid.BitTorrent.Tracker;

using static Swarmgrid.BitTorrent.Tests.Client.InteropTorrents;

namespace Swarmgrid.BitTorrent.Tests.Client;

/// <summary>Message stream encryption against libtorrent set to require RC4, both ways; plaintext refused when required.</summary>
public sealed class EncryptionInteropTests
{
    private const int FileSize = 8 << 20;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(40);

    /// <summary>libtorrent's enc_policy pe_forced (0) both ways and allowed_enc_level pe_rc4 (2).</summary>
    private static readonly Dictionary<string, object> RequireRc4 = new() { ["out_enc_policy"] = 0, ["in_enc_policy"] = 0, ["allowed_enc_level"] = 2 };

    [SkippableTheory]
    [InlineData(EncryptionPolicy.Prefer)]
    [InlineData(EncryptionPolicy.Require)]
    public async Task A_libtorrent_seed_requiring_encryption_serves_swarmgrid(EncryptionPolicy policy)
    {
        Libtorrent.Require();
        using var seedDir = new TempDirectory();
        using var leechDir = new TempDirectory();
        var (torrent, torrentPath) = await CreateAsync(seedDir);
        await using var seed = await LibtorrentNode.StartAsync([LibtorrentNode.Torrent(torrentPath, seedDir.Path)], RequireRc4);
        await seed.WaitUntilSeedingAsync(0, Deadline);

        await using var engine = new ClientEngine(new EngineSettings { ListenAddress = IPAddress.Loopback, Encryption = policy });
        engine.StartListening();
        var manager = engine.Add(torrent, leechDir.Path);
        manager.DownloadLimit.BytesPerSecond = 4 << 20;
        manager.AddPeer(seed.Endpoint);
        await manager.StartAsync();
        await WaitForAsync(() => manager.GetPeers().Any(p => p.Endpoint.Port == seed.Port));
        Assert.True(manager.GetPeers().Single(p => p.Endpoint.Port == seed.Port).IsEncrypted);
        manager.DownloadLimit.BytesPerSecond = 0;
        await manager.Completion.WaitAsync(Deadline);

        Assert.Equal(Sha256(seedDir.Combine("data.bin")), Sha256(leechDir.Combine("data.bin")));
    }

    [SkippableFact]
    public async Task A_swarmgrid_seed_requiring_encryption_serves_a_libtorrent_leecher_requiring_it()
    {
        Libtorrent.Require();
        using var seedDir = new TempDirectory();
        using var leechDir = new TempDirectory();
        var (torrent, torrentPath) = await CreateAsync(seedDir);
        await using var engine = new ClientEngine(new EngineSettings { ListenAddress = IPAddress.Loopback, Encryption = EncryptionPolicy.Require });
        engine.StartListening();
        var seeding = engine.Add(torrent, seedDir.Path);
        seeding.UploadLimit.BytesPerSecond = 4 << 20;
        await seeding.StartAsync();
        await seeding.Completion.WaitAsync(Deadline);

        await using var leecher = await LibtorrentNode.StartAsync([LibtorrentNode.Torrent(torrentPath, leechDir.Path, $"127.0.0.1:{engine.ListenPort}")],
            RequireRc4);
        await WaitForAsync(() => seeding.GetPeers().Count == 1);
        Assert.True(seeding.GetPeers().Single().IsEncrypted);
        seeding.UploadLimit.BytesPerSecond = 0;
        await leecher.WaitUntilSeedingAsync(0, Deadline);

        Assert.Equal(Sha256(seedDir.Combine("data.bin")), Sha256(leechDir.Combine("data.bin")));
    }

    [Fact]
    public async Task An_engine_requiring_encryption_drops_a_plaintext_handshake()
    {
        using var seedDir = new TempDirectory();
        var (torrent, _) = await CreateAsync(seedDir);
        await using var engine = new ClientEngine(new EngineSettings { ListenAddress = IPAddress.Loopback, Encryption = EncryptionPolicy.Require });
        engine.StartListening();
        var seeding = engine.Add(torrent, seedDir.Path);
        await seeding.StartAsync();
        await seeding.Completion.WaitAsync(Deadline);

        var error = await Record.ExceptionAsync(() =>
            RawPeer.ConnectAsync(new IPEndPoint(IPAddress.Loopback, engine.ListenPort), TrackerHash.FromBytes(torrent.InfoHashes.Primary.Span)));

        Assert.True(error is IOException or BitTorrent.PeerWire.PeerProtocolException, error?.ToString());
        Assert.Empty(seeding.GetPeers());
    }

    private static async Task<(Torrent Torrent, string Path)> CreateAsync(TempDirectory directory)
    {
        SampleData.WriteFile(directory.Combine("data.bin"), FileSize, 61);
        var created = await TorrentCreator.CreateAsync(directory.Combine("data.bin"), new TorrentCreationOptions { Version = TorrentVersion.V1, PieceLength = 262144 });
        var path = directory.Combine("data.torrent");
        await File.WriteAllBytesAsync(path, created.Bytes);
        return (created.Torrent, path);
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
