using Swarmgrid.BitTorrent.Creation;
using Swarmgrid.BitTorrent.Metainfo;
using Swarmgrid.BitTorrent.Tests.Interop;
using Swarmgrid.BitTorrent.Verification;

namespace Swarmgrid.BitTorrent.Tests.Verification;

public sealed class TorrentVerifierTests
{
    [Theory]
    [InlineData(TorrentVersion.V1)]
    [InlineData(TorrentVersion.V2)]
    [InlineData(TorrentVersion.Hybrid)]
    public async Task Verify_UntouchedData_IsComplete(TorrentVersion version)
    {
        using var temp = new TempDirectory();
        var torrent = await CreateAsync(temp, version);
        var reports = new List<long>();

        var result = await TorrentVerifier.VerifyAsync(torrent, temp.Path, new ListProgress(reports));

        Assert.True(result.IsComplete, result.ToString());
        Assert.Equal(torrent.PieceCount, result.Pieces.Count);
        Assert.Equal(reports.Order(), reports);
        Assert.True(reports[^1] >= torrent.TotalSize);
    }

    [Theory]
    [InlineData(TorrentVersion.V1)]
    [InlineData(TorrentVersion.V2)]
    [InlineData(TorrentVersion.Hybrid)]
    public async Task Verify_OneFlippedByte_MakesExactlyItsPieceBad(TorrentVersion version)
    {
        using var temp = new TempDirectory();
        var torrent = await CreateAsync(temp, version);
        var big = torrent.Files.Single(f => f.Path == "content/big.bin");
        const int position = 200_000;
        Flip(temp.Combine("content", "big.bin"), position);

        var result = await TorrentVerifier.VerifyAsync(torrent, temp.Path);

        var bad = (int)((big.Offset + position) / torrent.PieceLength);
        Assert.Equal(PieceState.Bad, result.Pieces[bad]);
        Assert.Equal((1, 0), (result.BadCount, result.MissingCount));
    }

    [Theory]
    [InlineData(TorrentVersion.V1)]
    [InlineData(TorrentVersion.V2)]
    [InlineData(TorrentVersion.Hybrid)]
    public async Task Verify_DeletedOrShortFile_MakesItsPiecesMissing(TorrentVersion version)
    {
        using var temp = new TempDirectory();
        var torrent = await CreateAsync(temp, version);
        File.Delete(temp.Combine("content", "a.bin"));
        var shortened = temp.Combine("content", "a", "x.dat");
        File.WriteAllBytes(shortened, File.ReadAllBytes(shortened)[..1000]);

        var result = await TorrentVerifier.VerifyAsync(torrent, temp.Path);

        var expected = torrent.Files.Where(f => f.Path is "content/a.bin" or "content/a/x.dat")
            .SelectMany(f => Enumerable.Range((int)(f.Offset / torrent.PieceLength), (int)((f.Offset % torrent.PieceLength + f.Length + torrent.PieceLength - 1) / torrent.PieceLength)))
            .ToHashSet();
        Assert.Equal(expected.Order(), result.Pieces.Select((state, i) => (state, i)).Where(p => p.state == PieceState.Missing).Select(p => p.i));
        Assert.Equal(0, result.BadCount);
    }

    [SkippableTheory]
    [InlineData("v1")]
    [InlineData("v2")]
    [InlineData("hybrid")]
    public async Task Verify_LibtorrentTorrent_IsCompleteOnItsData(string mode)
    {
        Libtorrent.Require();
        using var temp = new TempDirectory();
        var folder = SampleData.WriteFolder(temp.Path);
        var path = temp.Combine("lt.torrent");
        await Libtorrent.CreateAsync(folder, path, mode, 16_384);

        var result = await TorrentVerifier.VerifyAsync(Torrent.Load(path), temp.Path);

        Assert.True(result.IsComplete, result.ToString());
    }

    private static async Task<Torrent> CreateAsync(TempDirectory temp, TorrentVersion version)
    {
        var folder = SampleData.WriteFolder(temp.Path);
        return (await TorrentCreator.CreateAsync(folder, new TorrentCreationOptions { Version = version, PieceLength = 32_768 })).Torrent;
    }

    private static void Flip(string path, int position)
    {
        var bytes = File.ReadAllBytes(path);
        bytes[position] ^= 0x5a;
        File.WriteAllBytes(path, bytes);
    }

    private sealed class ListProgress(List<long> reports) : IProgress<long>
    {
        public void Report(long value) => reports.Add(value);
    }
}
