using System.Net;
using Swarmgrid.BitTorrent.Client;
using Swarmgrid.BitTorrent.Creation;
using Swarmgrid.BitTorrent.Metainfo;
using Swarmgrid.BitTorrent.Storage;
using Swarmgrid.BitTorrent.Tests.Interop;

namespace Swarmgrid.BitTorrent.Tests.Client;

/// <summary>
/// A download with the middle of three files skipped, from our own engine seeding over loopback: the skipped file
/// stays off disk, the pieces it shares with its neighbours live in the part file, and un-skipping finishes it.
/// </summary>
public sealed class SkippedFileTests : IAsyncLifetime
{
    private const int PieceLength = 32_768;
    private const int Middle = 1;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly TempDirectory seedDir = new();
    private readonly TempDirectory leechDir = new();
    private ClientEngine seedEngine = null!;
    private ClientEngine leechEngine = null!;
    private Torrent torrent = null!;

    public async Task InitializeAsync()
    {
        // Pieces 1 and 4 straddle b.bin; 2 and 3 lie wholly inside it.
        SampleData.WriteFile(seedDir.Combine("content", "a.bin"), 40_000, 1);
        SampleData.WriteFile(seedDir.Combine("content", "b.bin"), 100_000, 2);
        SampleData.WriteFile(seedDir.Combine("content", "c.bin"), 30_000, 3);
        torrent = (await TorrentCreator.CreateAsync(seedDir.Combine("content"),
            new TorrentCreationOptions { Version = TorrentVersion.V1, PieceLength = PieceLength })).Torrent;
        seedEngine = new ClientEngine(new EngineSettings { ListenAddress = IPAddress.Loopback });
        seedEngine.StartListening();
        var seeding = seedEngine.Add(torrent, seedDir.Path);
        await seeding.StartAsync();
        await seeding.Completion.WaitAsync(Deadline);
        leechEngine = new ClientEngine(new EngineSettings { ListenAddress = IPAddress.Loopback, AcceptIncoming = false });
    }

    [Fact]
    public async Task The_skipped_file_is_not_created_the_wanted_files_verify_and_the_part_file_holds_the_straddling_bytes()
    {
        var manager = await DownloadWithMiddleSkippedAsync();

        Assert.False(File.Exists(LeechPath(Middle)));
        Assert.Equal(SeedBytes(0), File.ReadAllBytes(LeechPath(0)));
        Assert.Equal(SeedBytes(2), File.ReadAllBytes(LeechPath(2)));
        await manager.StopAsync();
        using var parts = new PartFile(TorrentStorage.PartFilePath(torrent, leechDir.Path), torrent.PieceCount, PieceLength);
        Assert.Equal([1, 4], parts.Pieces);
        var middle = torrent.Files[Middle];
        var seedMiddle = SeedBytes(Middle);
        // Piece 1 holds the head of b.bin from its start on; piece 4 its tail up to its end.
        var head = new byte[2 * PieceLength - middle.Offset];
        Assert.True(parts.TryRead(1, (int)(middle.Offset - PieceLength), head));
        Assert.Equal(seedMiddle[..head.Length], head);
        var tail = new byte[middle.Offset + middle.Length - 4 * PieceLength];
        Assert.True(parts.TryRead(4, 0, tail));
        Assert.Equal(seedMiddle[^tail.Length..], tail);
    }

    [Fact]
    public async Task Un_skipping_moves_the_part_file_into_the_file_and_the_download_completes_it()
    {
        var manager = await DownloadWithMiddleSkippedAsync();

        manager.SetFilePriority(Middle, FilePriority.Normal);
        Assert.False(File.Exists(TorrentStorage.PartFilePath(torrent, leechDir.Path)));
        Assert.Equal(TorrentState.Downloading, manager.State);
        // The seed was dropped when the rest finished; a tracker would name it again.
        manager.AddPeer(SeedEndpoint);

        await WaitForAsync(() => manager.GetStats() is { State: TorrentState.Seeding } stats && stats.VerifiedPieces == torrent.PieceCount);
        await manager.StopAsync();
        Assert.Equal(SeedBytes(Middle), File.ReadAllBytes(LeechPath(Middle)));
        Assert.False(File.Exists(TorrentStorage.PartFilePath(torrent, leechDir.Path)));
    }

    [Fact]
    public async Task A_recheck_verifies_the_straddling_pieces_through_the_part_file()
    {
        var manager = await DownloadWithMiddleSkippedAsync();

        await manager.RecheckAsync();

        await WaitForAsync(() => manager.GetStats() is { State: TorrentState.Seeding } stats && stats.VerifiedPieces == torrent.PieceCount - 2);
        Assert.False(File.Exists(LeechPath(Middle)));
    }

    [Fact]
    public async Task A_restart_trusts_the_part_file_and_a_damaged_one_gets_its_pieces_downloaded_again()
    {
        var manager = await DownloadWithMiddleSkippedAsync();
        await manager.StopAsync();
        await manager.StartAsync();
        await WaitForAsync(() => manager.GetStats() is { State: TorrentState.Seeding } stats && stats.VerifiedPieces == torrent.PieceCount - 2);
        await manager.StopAsync();
        var downloaded = manager.GetStats().Downloaded;

        var partFile = TorrentStorage.PartFilePath(torrent, leechDir.Path);
        using (var stream = new FileStream(partFile, FileMode.Open, FileAccess.ReadWrite))
        {
            // The file ends with the last byte written: a byte of b.bin in piece 1 or 4.
            stream.Seek(-1, SeekOrigin.End);
            var last = stream.ReadByte();
            stream.Seek(-1, SeekOrigin.End);
            stream.WriteByte((byte)~last);
        }
        File.SetLastWriteTimeUtc(partFile, DateTime.UtcNow.AddMinutes(-5));
        manager.AddPeer(SeedEndpoint);
        await manager.StartAsync();

        await WaitForAsync(() => manager.GetStats() is { State: TorrentState.Seeding } stats && stats.VerifiedPieces == torrent.PieceCount - 2);
        Assert.True(manager.GetStats().Downloaded > downloaded, "the damaged piece was downloaded again");
        Assert.False(File.Exists(LeechPath(Middle)));
        await manager.StopAsync();
        Assert.Equal([1, 4], PartFilePieces());
        var good = await PieceRecheck.RunAsync(torrent, leechDir.Path);
        var all = Enumerable.Range(0, torrent.PieceCount).ToList();
        Assert.Equal(all.Where(p => p is not (2 or 3)), all.Where(p => good[p]));
    }

    [Fact]
    public async Task Removing_the_torrent_with_its_data_removes_the_part_file()
    {
        var manager = await DownloadWithMiddleSkippedAsync();

        await leechEngine.RemoveAsync(manager, deleteData: true);

        Assert.False(File.Exists(TorrentStorage.PartFilePath(torrent, leechDir.Path)));
        Assert.Empty(Directory.EnumerateFiles(leechDir.Path, "*", SearchOption.AllDirectories));
    }

    public async Task DisposeAsync()
    {
        await leechEngine.DisposeAsync();
        await seedEngine.DisposeAsync();
        seedDir.Dispose();
        leechDir.Dispose();
    }

    private IPEndPoint SeedEndpoint => new(IPAddress.Loopback, seedEngine.ListenPort);

    private async Task<TorrentManager> DownloadWithMiddleSkippedAsync()
    {
        var manager = leechEngine.Add(torrent, leechDir.Path);
        manager.SetFilePriority(Middle, FilePriority.Skip);
        manager.AddPeer(SeedEndpoint);
        await manager.StartAsync();
        await manager.Completion.WaitAsync(Deadline);
        Assert.Equal(torrent.PieceCount - 2, manager.GetStats().VerifiedPieces);
        return manager;
    }

    private string LeechPath(int file) => Path.Combine([leechDir.Path, .. torrent.Files[file].PathSegments]);

    private byte[] SeedBytes(int file) => File.ReadAllBytes(Path.Combine([seedDir.Path, .. torrent.Files[file].PathSegments]));

    private IReadOnlyList<int> PartFilePieces()
    {
        using var parts = new PartFile(TorrentStorage.PartFilePath(torrent, leechDir.Path), torrent.PieceCount, PieceLength);
        return parts.Pieces;
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
