using Swarmgrid.BitTorrent.Creation;
using Swarmgrid.BitTorrent.Metainfo;
using Swarmgrid.BitTorrent.Tests.Interop;

namespace Swarmgrid.BitTorrent.Tests.Creation;

/// <summary>Torrents we make read the same in libtorrent and transmission, and match what libtorrent makes itself.</summary>
public sealed class CreationInteropTests
{
    [SkippableTheory]
    [InlineData(TorrentVersion.V1)]
    [InlineData(TorrentVersion.V2)]
    [InlineData(TorrentVersion.Hybrid)]
    public async Task Create_Folder_LibtorrentReadsTheSameInfoHashes(TorrentVersion version)
    {
        Libtorrent.Require();
        using var temp = new TempDirectory();
        var folder = SampleData.WriteFolder(temp.Path);
        var created = await TorrentCreator.CreateAsync(folder, new TorrentCreationOptions { Version = version, PieceLength = 32_768 });
        var path = temp.Combine("ours.torrent");
        await File.WriteAllBytesAsync(path, created.Bytes);

        var seen = await Libtorrent.ReadAsync(path);

        Assert.Equal(created.Torrent.InfoHashes.V1?.ToHex(), seen.V1);
        Assert.Equal(created.Torrent.InfoHashes.V2?.ToHex(), seen.V2);
        Assert.Equal(created.Torrent.PieceCount, seen.PieceCount);
        Assert.Equal(version, created.Torrent.Version);
    }

    [SkippableTheory]
    [InlineData("v2", TorrentVersion.V2)]
    [InlineData("hybrid", TorrentVersion.Hybrid)]
    public async Task Create_Folder_GivesTheInfoHashesLibtorrentGives(string mode, TorrentVersion version)
    {
        Libtorrent.Require();
        using var temp = new TempDirectory();
        var folder = SampleData.WriteFolder(temp.Path);
        var theirs = temp.Combine("theirs.torrent");
        await Libtorrent.CreateAsync(folder, theirs, mode, 16_384);

        var ours = await TorrentCreator.CreateAsync(folder, new TorrentCreationOptions { Version = version, PieceLength = 16_384 });

        Assert.Equal(Torrent.Load(theirs).InfoHashes, ours.Torrent.InfoHashes);
    }

    [SkippableTheory]
    [InlineData("v2", TorrentVersion.V2)]
    [InlineData("hybrid", TorrentVersion.Hybrid)]
    public async Task Create_SingleFile_GivesTheInfoHashesLibtorrentGives(string mode, TorrentVersion version)
    {
        Libtorrent.Require();
        using var temp = new TempDirectory();
        var file = SampleData.WriteFile(temp.Combine("movie.mkv"), 150_000, 11);
        var theirs = temp.Combine("theirs.torrent");
        await Libtorrent.CreateAsync(file, theirs, mode, 32_768);

        var ours = await TorrentCreator.CreateAsync(file, new TorrentCreationOptions { Version = version, PieceLength = 32_768 });

        Assert.Equal(Torrent.Load(theirs).InfoHashes, ours.Torrent.InfoHashes);
    }

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Create_V1_TransmissionShowsTheSameInfoHash(bool singleFile)
    {
        TransmissionShow.Require();
        using var temp = new TempDirectory();
        var source = singleFile ? SampleData.WriteFile(temp.Combine("one.bin"), 90_000, 12) : SampleData.WriteFolder(temp.Path);
        var created = await TorrentCreator.CreateAsync(source, new TorrentCreationOptions
        {
            Version = TorrentVersion.V1,
            AnnounceTiers = [["http://a.example/announce"], ["udp://b.example:80"]],
            IsPrivate = true,
        });
        var path = temp.Combine("ours.torrent");
        await File.WriteAllBytesAsync(path, created.Bytes);

        Assert.Equal(created.Torrent.InfoHashes.V1?.ToHex(), await TransmissionShow.InfoHashAsync(path));
    }

    /// <summary>mktorrent orders files by whole path (strcmp), so the names here sort the same either way.</summary>
    [SkippableFact]
    public async Task Create_V1_GivesTheInfoHashMktorrentGives()
    {
        Mktorrent.Require();
        using var temp = new TempDirectory();
        var folder = temp.Combine("plain");
        SampleData.WriteFile(Path.Combine(folder, "a.bin"), 70_000, 21);
        SampleData.WriteFile(Path.Combine(folder, "sub", "b.bin"), 40_000, 22);
        SampleData.WriteFile(Path.Combine(folder, "sub", "empty"), 0, 23);
        SampleData.WriteFile(Path.Combine(folder, "z.txt"), 5, 24);
        var theirs = temp.Combine("theirs.torrent");
        await Mktorrent.CreateAsync(folder, theirs, 15, "-p", "-s", "SRC");

        var ours = await TorrentCreator.CreateAsync(folder, new TorrentCreationOptions
        {
            Version = TorrentVersion.V1,
            PieceLength = 32_768,
            IsPrivate = true,
            Source = "SRC",
        });

        Assert.Equal(Torrent.Load(theirs).InfoHashes.V1, ours.Torrent.InfoHashes.V1);
    }
}
