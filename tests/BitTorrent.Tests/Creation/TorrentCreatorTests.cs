using System.Security.Cryptography;
using Swarmgrid.BitTorrent.Creation;
using Swarmgrid.BitTorrent.Metainfo;
using Swarmgrid.BitTorrent.Tests.Interop;

namespace Swarmgrid.BitTorrent.Tests.Creation;

public sealed class TorrentCreatorTests
{
    private static readonly TorrentCreationOptions Everything = new()
    {
        AnnounceTiers = [["http://a.example/announce", "http://b.example/announce"], ["udp://c.example:6969"]],
        WebSeeds = ["http://seed.example/"],
        PieceLength = 16_384,
        IsPrivate = true,
        Comment = "a comment",
        CreatedBy = "Swarmgrid test",
        CreationDate = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000),
        Source = "SG",
    };

    [Theory]
    [InlineData(TorrentVersion.V1)]
    [InlineData(TorrentVersion.V2)]
    [InlineData(TorrentVersion.Hybrid)]
    public async Task Create_ThenLoad_KeepsEveryOption(TorrentVersion version)
    {
        using var temp = new TempDirectory();
        var folder = SampleData.WriteFolder(temp.Path);

        var torrent = Torrent.Load((await TorrentCreator.CreateAsync(folder, Everything with { Version = version })).Bytes);

        Assert.Equal(version, torrent.Version);
        Assert.Equal("content", torrent.Name);
        Assert.Equal(Everything.AnnounceTiers, torrent.AnnounceTiers);
        Assert.Equal(Everything.WebSeeds, torrent.WebSeeds);
        Assert.Equal((16_384, true, "a comment", "Swarmgrid test", "SG"),
            (torrent.PieceLength, torrent.IsPrivate, torrent.Comment, torrent.CreatedBy, torrent.Source));
        Assert.Equal(Everything.CreationDate, torrent.CreationDate);
        Assert.Equal(449_155, torrent.TotalSize);
        Assert.Equal(
            ["content/B/deep/z.txt", "content/a/x.dat", "content/a-b/x.dat", "content/a.bin", "content/big.bin", "content/empty.txt"],
            torrent.Files.Where(f => !f.IsPad).Select(f => f.Path));
    }

    [Fact]
    public async Task Create_Hybrid_PadsEveryFileToAPieceBoundaryLikeLibtorrent()
    {
        using var temp = new TempDirectory();
        var folder = SampleData.WriteFolder(temp.Path);

        var torrent = (await TorrentCreator.CreateAsync(folder, new TorrentCreationOptions { PieceLength = 32_768 })).Torrent;

        Assert.Equal(
            [("B/deep/z.txt", 1L), (".pad/32767", 32_767), ("a/x.dat", 32_768), ("a-b/x.dat", 16_385), (".pad/16383", 16_383),
             ("a.bin", 100_000), (".pad/31072", 31_072), ("big.bin", 300_001), (".pad/27679", 27_679), ("empty.txt", 0)],
            torrent.Files.Select(f => (f.Path["content/".Length..], f.Length)));
        Assert.All(torrent.Files.Where(f => f.IsPad), f => Assert.Equal(TorrentFileAttributes.Pad, f.Attributes));
    }

    [Fact]
    public async Task Create_V1SingleFile_HasTheSha1OfEachPiece()
    {
        using var temp = new TempDirectory();
        var data = SampleData.Bytes(40_000, 5);
        var file = temp.Combine("f.bin");
        await File.WriteAllBytesAsync(file, data);

        var torrent = (await TorrentCreator.CreateAsync(file, new TorrentCreationOptions { Version = TorrentVersion.V1 })).Torrent;

        Assert.Equal(3, torrent.PieceCount);
        Assert.Equal(SHA1.HashData(data.AsSpan(32_768)), torrent.GetPieceHash(2).ToArray());
        Assert.Equal(("f.bin", 40_000L), (Assert.Single(torrent.Files).Path, torrent.TotalSize));
    }

    [Fact]
    public async Task Create_V2SingleFile_HasTheKnownMerkleRoot()
    {
        using var temp = new TempDirectory();
        var file = temp.Combine("data.bin");
        await File.WriteAllBytesAsync(file, Metainfo.KnownTorrents.V2SingleData());

        var created = await TorrentCreator.CreateAsync(file, new TorrentCreationOptions { Version = TorrentVersion.V2, PieceLength = 16_384 });

        Assert.Equal(Metainfo.KnownTorrents.V2SingleRoot, Convert.ToHexStringLower(created.Torrent.Files[0].PiecesRoot.Span));
        Assert.Equal(Metainfo.KnownTorrents.V2SingleInfoHash, created.Torrent.InfoHashes.V2?.ToHex());
    }

    [Fact]
    public async Task Create_Twice_GivesTheSameBytes()
    {
        using var temp = new TempDirectory();
        var folder = SampleData.WriteFolder(temp.Path);

        var first = await TorrentCreator.CreateAsync(folder, Everything);
        var second = await TorrentCreator.CreateAsync(folder, Everything with { MaxDegreeOfParallelism = 1 });

        Assert.Equal(first.Bytes, second.Bytes);
    }

    [Fact]
    public async Task Create_ReportsProgressUpToTheTotalSize()
    {
        using var temp = new TempDirectory();
        var folder = SampleData.WriteFolder(temp.Path);
        var reports = new List<long>();
        var progress = new SynchronousProgress(reports);

        await TorrentCreator.CreateAsync(folder, new TorrentCreationOptions { PieceLength = 16_384 }, progress);

        Assert.Equal(449_155, reports.Max());
        Assert.Equal(reports.Order(), reports);
    }

    [Fact]
    public async Task Create_AutomaticPieceLength_UsesTheChooser()
    {
        using var temp = new TempDirectory();
        var file = SampleData.WriteFile(temp.Combine("f.bin"), 2000 * 16_384 + 1, 9);

        var torrent = (await TorrentCreator.CreateAsync(file)).Torrent;

        Assert.Equal((32_768, 1001), (torrent.PieceLength, torrent.PieceCount));
    }

    [Fact]
    public async Task Create_NothingToShare_Fails()
    {
        using var temp = new TempDirectory();
        SampleData.WriteFile(temp.Combine("empty", "zero"), 0, 1);

        await Assert.ThrowsAsync<ArgumentException>(() => TorrentCreator.CreateAsync(temp.Combine("empty")));
        await Assert.ThrowsAsync<FileNotFoundException>(() => TorrentCreator.CreateAsync(temp.Combine("missing")));
    }

    [Fact]
    public async Task Create_BadPieceLength_Fails()
    {
        using var temp = new TempDirectory();
        var file = SampleData.WriteFile(temp.Combine("f.bin"), 10, 1);

        await Assert.ThrowsAsync<ArgumentException>(() => TorrentCreator.CreateAsync(file, new TorrentCreationOptions { PieceLength = 20_000 }));
    }

    private sealed class SynchronousProgress(List<long> reports) : IProgress<long>
    {
        public void Report(long value) => reports.Add(value);
    }
}
