using Swarmgrid.BitTorrent.Metainfo;
using Swarmgrid.BitTorrent.Tests.Interop;

namespace Swarmgrid.BitTorrent.Tests.Metainfo;

/// <summary>Torrents written by mktorrent and libtorrent load with the info-hashes those programs compute.</summary>
public sealed class ExternalTorrentLoadTests
{
    [SkippableTheory]
    [InlineData("v1", TorrentVersion.V1)]
    [InlineData("v2", TorrentVersion.V2)]
    [InlineData("hybrid", TorrentVersion.Hybrid)]
    public async Task Load_LibtorrentFolder_HasLibtorrentsInfoHashes(string mode, TorrentVersion version)
    {
        Libtorrent.Require();
        using var temp = new TempDirectory();
        var folder = SampleData.WriteFolder(temp.Path);
        var path = temp.Combine("made.torrent");
        await Libtorrent.CreateAsync(folder, path, mode, 32_768);
        var expected = await Libtorrent.ReadAsync(path);

        var torrent = Torrent.Load(path);

        Assert.Equal(version, torrent.Version);
        Assert.Equal(expected.V1, torrent.InfoHashes.V1?.ToHex());
        Assert.Equal(expected.V2, torrent.InfoHashes.V2?.ToHex());
        Assert.Equal(expected.PieceCount, torrent.PieceCount);
        Assert.Equal("content", torrent.Name);
        Assert.Equal("made by libtorrent", torrent.Comment);
        Assert.Equal([["http://tracker.example/announce"]], torrent.AnnounceTiers);
        Assert.Equal(100_000 + 16_385 + 32_768 + 1 + 300_001, torrent.TotalSize);
        Assert.Contains(torrent.Files, f => f.Path == "content/B/deep/z.txt" && f.Length == 1);
        if (version != TorrentVersion.V2)
        {
            Assert.Equal(expected.FileCount, torrent.Files.Count);
            Assert.Equal(expected.TotalSize, torrent.Files.Sum(f => f.Length));
        }
        if (version == TorrentVersion.Hybrid)
        {
            Assert.All(torrent.Files.Where(f => !f.IsPad && f.Length > 0), f => Assert.Equal(0, f.Offset % torrent.PieceLength));
            Assert.All(torrent.Files.Where(f => f.IsPad), f => Assert.StartsWith(".pad/", f.Path[(torrent.Name.Length + 1)..]));
        }
    }

    [SkippableTheory]
    [InlineData("v2")]
    [InlineData("hybrid")]
    public async Task Load_LibtorrentSingleFile_HasLibtorrentsInfoHashesAndLayers(string mode)
    {
        Libtorrent.Require();
        using var temp = new TempDirectory();
        var file = SampleData.WriteFile(temp.Combine("single.bin"), 200_000, 7);
        var path = temp.Combine("single.torrent");
        await Libtorrent.CreateAsync(file, path, mode, 16_384);
        var expected = await Libtorrent.ReadAsync(path);

        var torrent = Torrent.Load(path);

        Assert.Equal(expected.V1, torrent.InfoHashes.V1?.ToHex());
        Assert.Equal(expected.V2, torrent.InfoHashes.V2?.ToHex());
        var only = Assert.Single(torrent.Files, f => !f.IsPad);
        Assert.Equal(("single.bin", 200_000L), (only.Path, only.Length));
        Assert.Equal(13 * 32, torrent.GetPieceLayer(only).Length);
    }

    [SkippableFact]
    public async Task Load_MktorrentFolder_HasTransmissionsInfoHash()
    {
        Mktorrent.Require();
        TransmissionShow.Require();
        using var temp = new TempDirectory();
        var folder = SampleData.WriteFolder(temp.Path);
        var path = temp.Combine("mk.torrent");
        await Mktorrent.CreateAsync(folder, path, 15, "-p", "-c", "a comment", "-w", "http://seed.example/files/", "-s", "SRC");

        var torrent = Torrent.Load(path);

        Assert.Equal(await TransmissionShow.InfoHashAsync(path), torrent.InfoHashes.V1?.ToHex());
        Assert.Equal(TorrentVersion.V1, torrent.Version);
        Assert.True(torrent.IsPrivate);
        Assert.Equal("SRC", torrent.Source);
        Assert.Equal("a comment", torrent.Comment);
        Assert.Equal(["http://seed.example/files/"], torrent.WebSeeds);
        Assert.Equal(6, torrent.Files.Count);
        Assert.Equal(32_768, torrent.PieceLength);
        Assert.Equal((int)((torrent.TotalSize + 32_767) / 32_768), torrent.PieceCount);
    }

    [SkippableFact]
    public async Task Load_MktorrentSingleFile_HasLibtorrentsInfoHash()
    {
        Mktorrent.Require();
        Libtorrent.Require();
        using var temp = new TempDirectory();
        var file = SampleData.WriteFile(temp.Combine("one.iso"), 70_000, 8);
        var path = temp.Combine("one.torrent");
        await Mktorrent.CreateAsync(file, path, 15, "-a", "udp://backup.example:6969");

        var torrent = Torrent.Load(path);

        Assert.Equal((await Libtorrent.ReadAsync(path)).V1, torrent.InfoHashes.V1?.ToHex());
        Assert.Equal("one.iso", Assert.Single(torrent.Files).Path);
        Assert.Equal(3, torrent.PieceCount);
        Assert.Equal(["http://tracker.example/announce", "udp://backup.example:6969"], torrent.AnnounceTiers.SelectMany(t => t));
    }
}
