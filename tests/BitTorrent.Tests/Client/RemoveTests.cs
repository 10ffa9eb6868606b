using System.Net;
using Swarmgrid.BitTorrent.Client;
using Swarmgrid.BitTorrent.Creation;
using Swarmgrid.BitTorrent.Magnet;
using Swarmgrid.BitTorrent.Metainfo;
using Swarmgrid.BitTorrent.Tests.Interop;

namespace Swarmgrid.BitTorrent.Tests.Client;

/// <summary>Removing with its data a torrent that never ran: its folder was never made, so there is nothing to delete.</summary>
public sealed class RemoveTests : IAsyncLifetime
{
    private readonly TempDirectory content = new();
    private readonly TempDirectory downloads = new();
    private readonly ClientEngine engine = new(new EngineSettings { ListenAddress = IPAddress.Loopback, AcceptIncoming = false });

    [Fact]
    public async Task RemoveAsync_DeleteData_NeverStarted_FolderMissing_Succeeds()
    {
        SampleData.WriteFile(content.Combine("content", "a.bin"), 40_000, 1);
        var torrent = (await TorrentCreator.CreateAsync(content.Combine("content"),
            new TorrentCreationOptions { Version = TorrentVersion.V1, PieceLength = 16_384 })).Torrent;
        var missing = downloads.Combine("never", "made");
        var manager = engine.Add(torrent, missing);

        await engine.RemoveAsync(manager, deleteData: true);

        Assert.False(Directory.Exists(missing));
        Assert.Empty(engine.Torrents);
    }

    [Fact]
    public async Task RemoveAsync_DeleteData_MagnetWithoutMetadata_FolderMissing_Succeeds()
    {
        var magnet = MagnetLink.Parse("magnet:?xt=urn:btih:" + new string('c', 40));
        var missing = downloads.Combine("magnet", "folder");
        var manager = engine.Add(magnet, missing);

        await engine.RemoveAsync(manager, deleteData: true);

        Assert.False(Directory.Exists(missing));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await engine.DisposeAsync();
        content.Dispose();
        downloads.Dispose();
    }
}
