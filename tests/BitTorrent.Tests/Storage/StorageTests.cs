using Swarmgrid.BitTorrent.Bencoding;
using Swarmgrid.BitTorrent.Creation;
using Swarmgrid.BitTorrent.Metainfo;
using Swarmgrid.BitTorrent.PeerWire;
using Swarmgrid.BitTorrent.Storage;
using Swarmgrid.BitTorrent.Tests.Interop;

namespace Swarmgrid.BitTorrent.Tests.Storage;

public sealed class StorageTests
{
    [Theory]
    [InlineData(TorrentVersion.V1)]
    [InlineData(TorrentVersion.V2)]
    [InlineData(TorrentVersion.Hybrid)]
    public async Task Pieces_copied_through_storage_verify_and_rebuild_the_files(TorrentVersion version)
    {
        using var source = new TempDirectory();
        using var target = new TempDirectory();
        var torrent = await CreateAsync(source, version);
        using var from = new TorrentStorage(torrent, source.Path);
        using var to = new TorrentStorage(torrent, target.Path);
        to.Preallocate();
        var buffer = new byte[torrent.PieceLength];

        for (var piece = 0; piece < torrent.PieceCount; piece++)
        {
            Assert.True(from.VerifyPiece(piece, buffer), $"piece {piece}");
            var size = from.Layout.PieceSize(piece);
            to.Write((long)piece * torrent.PieceLength, buffer.AsSpan(0, size));
        }
        to.Close();

        foreach (var file in torrent.Files.Where(f => !f.IsPad))
        {
            Assert.Equal(File.ReadAllBytes(source.Combine([.. file.PathSegments])), File.ReadAllBytes(target.Combine([.. file.PathSegments])));
        }
        Assert.True((await PieceRecheck.RunAsync(torrent, target.Path)).AllSet);
    }

    [Fact]
    public async Task Hybrid_layout_maps_pad_files_to_no_file()
    {
        using var source = new TempDirectory();
        var torrent = await CreateAsync(source, TorrentVersion.Hybrid);
        var layout = new PieceLayout(torrent);
        var pad = torrent.Files.Where((f, i) => f.IsPad && i > 0 && torrent.Files[i - 1].Length >= 10).First();

        var spans = layout.Spans(pad.Offset - 10, (int)pad.Length + 20);

        Assert.Equal([-1], spans.Skip(1).Take(1).Select(s => s.FileIndex));
        Assert.Equal((int)pad.Length, spans[1].Length);
        Assert.Equal(pad.Length + 20, spans.Sum(s => s.Length));
        Assert.Equal(layout.StreamLength - (long)(torrent.PieceCount - 1) * torrent.PieceLength, layout.PieceSize(torrent.PieceCount - 1));
    }

    [Fact]
    public async Task Preallocation_creates_full_length_sparse_files()
    {
        using var source = new TempDirectory();
        SampleData.WriteFile(source.Combine("big.bin"), 1, 1);
        using var target = new TempDirectory();
        var torrent = (await TorrentCreator.CreateAsync(source.Combine("big.bin"), new TorrentCreationOptions { Version = TorrentVersion.V1 })).Torrent;
        var sparse = Torrent.Load(MetainfoWithLength(torrent, 64L << 20));
        using var storage = new TorrentStorage(sparse, target.Path);

        storage.Preallocate();
        storage.Close();

        Assert.Equal(64L << 20, new FileInfo(target.Combine("big.bin")).Length);
        Assert.True(await AllocatedBytesAsync(target.Combine("big.bin")) < 1L << 20);
    }

    [Fact]
    public async Task Resume_data_keeps_pieces_and_flags_files_that_vanished()
    {
        using var source = new TempDirectory();
        var torrent = await CreateAsync(source, TorrentVersion.V1);
        using var storage = new TorrentStorage(torrent, source.Path);
        var pieces = await PieceRecheck.RunAsync(torrent, source.Path);
        var resumePath = source.Combine("resume.dat");
        ResumeData.Capture(storage, pieces).Save(resumePath, torrent);

        var untouched = ResumeData.Load(resumePath, torrent)!.TrustedPieces(storage, out var noneMissing, out _);
        Assert.True(untouched.AllSet);
        Assert.Empty(noneMissing);

        File.Delete(source.Combine("content", "big.bin"));
        var trusted = ResumeData.Load(resumePath, torrent)!.TrustedPieces(storage, out var missing, out _);
        var big = torrent.Files.ToList().FindIndex(f => f.Path == "content/big.bin");
        Assert.Equal([big], missing);
        var (first, last) = storage.Layout.PiecesOfFile(big);
        Assert.All(Enumerable.Range(first, last - first + 1), piece => Assert.False(trusted[piece]));
        Assert.Equal(torrent.PieceCount - (last - first + 1), trusted.CountSet);
    }

    [Fact]
    public async Task Resume_data_for_another_torrent_is_ignored()
    {
        using var source = new TempDirectory();
        var v1 = await CreateAsync(source, TorrentVersion.V1);
        var hybrid = await CreateAsync(source, TorrentVersion.Hybrid);
        using var storage = new TorrentStorage(v1, source.Path);
        ResumeData.Capture(storage, new Bitfield(v1.PieceCount)).Save(source.Combine("r"), v1);
        Assert.Null(ResumeData.Load(source.Combine("r"), hybrid));
        Assert.NotNull(ResumeData.Load(source.Combine("r"), v1));
    }

    private static async Task<Torrent> CreateAsync(TempDirectory temp, TorrentVersion version)
    {
        var folder = Directory.Exists(temp.Combine("content")) ? temp.Combine("content") : SampleData.WriteFolder(temp.Path);
        return (await TorrentCreator.CreateAsync(folder, new TorrentCreationOptions { Version = version, PieceLength = 32_768 })).Torrent;
    }

    /// <summary>Disk blocks actually allocated (stat's %b blocks of %B bytes), which a sparse file keeps small.</summary>
    private static async Task<long> AllocatedBytesAsync(string path)
    {
        var parts = (await Swarmgrid.TestSupport.ExternalCommand.RunAsync("stat", ["-c", "%b %B", path])).Split(' ');
        return long.Parse(parts[0]) * long.Parse(parts[1]);
    }

    private static byte[] MetainfoWithLength(Torrent torrent, long length)
    {
        var pieces = (int)((length + torrent.PieceLength - 1) / torrent.PieceLength);
        var info = new BDictionary
        {
            { "length", length },
            { "name", torrent.Name },
            { "piece length", torrent.PieceLength },
            { "pieces", new byte[pieces * 20] },
        };
        return new BDictionary { { "info", info } }.Encode();
    }
}
