using Swarmgrid.BitTorrent.Creation;
using Swarmgrid.BitTorrent.Metainfo;
using Swarmgrid.BitTorrent.PeerWire;
using Swarmgrid.BitTorrent.Storage;
using Swarmgrid.BitTorrent.Tests.Interop;

namespace Swarmgrid.BitTorrent.Tests.Storage;

/// <summary>
/// Skipped files kept off disk: three files where the middle one is skipped, with pieces straddling it on both sides,
/// written piece by piece through <see cref="TorrentStorage"/> as the engine writes verified pieces.
/// </summary>
public sealed class PartFileTests : IDisposable
{
    private const int PieceLength = 32_768;
    private readonly TempDirectory source = new();
    private readonly TempDirectory target = new();
    private Torrent? created;

    [Fact]
    public async Task A_skipped_file_is_not_created_and_the_pieces_it_shares_live_in_the_part_file()
    {
        var torrent = await CreateAsync();
        using var storage = new TorrentStorage(torrent, target.Path);
        storage.SetSkipped(Middle, skipped: true);
        storage.Preallocate(i => i != Middle);

        WriteWantedPieces(torrent, storage);
        storage.Close();

        Assert.False(File.Exists(storage.PathOf(Middle)));
        AssertSameBytes(0, storage);
        AssertSameBytes(2, storage);
        AssertPartFileHoldsTheStraddlingBytes(torrent, storage.Layout);
    }

    [Fact]
    public async Task Straddling_pieces_verify_through_the_part_file_after_reopening_and_by_a_recheck()
    {
        var torrent = await CreateAsync();
        using (var writing = new TorrentStorage(torrent, target.Path))
        {
            writing.SetSkipped(Middle, skipped: true);
            WriteWantedPieces(torrent, writing);
        }

        using var reopened = new TorrentStorage(torrent, target.Path);
        Assert.True(reopened.IsInPartFile(Middle));
        var buffer = new byte[PieceLength];
        Assert.All(StraddlingPieces(reopened.Layout), piece => Assert.True(reopened.VerifyPiece(piece, buffer), $"piece {piece}"));

        var rechecked = await PieceRecheck.RunAsync(reopened);
        Assert.Equal(WantedPieces(reopened.Layout), Enumerable.Range(0, torrent.PieceCount).Where(p => rechecked[p]));
    }

    [Fact]
    public async Task Un_skipping_moves_the_part_file_bytes_into_the_file_and_deletes_the_part_file()
    {
        var torrent = await CreateAsync();
        using var storage = new TorrentStorage(torrent, target.Path);
        storage.SetSkipped(Middle, skipped: true);
        WriteWantedPieces(torrent, storage);

        storage.SetSkipped(Middle, skipped: false);

        Assert.False(storage.IsInPartFile(Middle));
        Assert.False(File.Exists(storage.Parts.Path));
        var buffer = new byte[PieceLength];
        Assert.All(StraddlingPieces(storage.Layout), piece => Assert.True(storage.VerifyPiece(piece, buffer), $"piece {piece}"));
        // The pieces wholly inside the file come from peers later; once written the file is whole.
        foreach (var piece in Enumerable.Range(0, torrent.PieceCount).Except(WantedPieces(storage.Layout)))
        {
            storage.Write((long)piece * PieceLength, SourcePiece(storage.Layout, piece));
        }
        storage.Close();
        AssertSameBytes(Middle, storage);
    }

    [Fact]
    public async Task A_skipped_file_that_already_exists_is_written_in_place()
    {
        var torrent = await CreateAsync();
        using var storage = new TorrentStorage(torrent, target.Path);
        storage.Preallocate();

        storage.SetSkipped(Middle, skipped: true);
        WriteWantedPieces(torrent, storage);

        Assert.False(storage.IsInPartFile(Middle));
        Assert.False(File.Exists(storage.Parts.Path));
    }

    [Fact]
    public async Task Resume_data_distrusts_the_straddling_pieces_when_the_part_file_changed()
    {
        var torrent = await CreateAsync();
        var resumePath = target.Combine("resume.dat");
        using (var writing = new TorrentStorage(torrent, target.Path))
        {
            writing.SetSkipped(Middle, skipped: true);
            WriteWantedPieces(torrent, writing);
            writing.Close();
            var have = new Bitfield(torrent.PieceCount);
            WantedPieces(writing.Layout).ForEach(p => have[p] = true);
            ResumeData.Capture(writing, have).Save(resumePath, torrent);
        }
        using var storage = new TorrentStorage(torrent, target.Path);

        var unchanged = ResumeData.Load(resumePath, torrent)!.TrustedPieces(storage, out var noneMissing, out var noneChanged);
        Assert.Equal(WantedPieces(storage.Layout), Enumerable.Range(0, torrent.PieceCount).Where(p => unchanged[p]));
        Assert.Empty(noneMissing);
        Assert.Empty(noneChanged);

        File.SetLastWriteTimeUtc(storage.Parts.Path, DateTime.UtcNow.AddMinutes(-5));
        var trusted = ResumeData.Load(resumePath, torrent)!.TrustedPieces(storage, out var missing, out var changed);
        Assert.Empty(missing);
        Assert.Equal([Middle], changed);
        Assert.All(StraddlingPieces(storage.Layout), p => Assert.False(trusted[p]));
    }

    public void Dispose()
    {
        source.Dispose();
        target.Dispose();
    }

    /// <summary>The skipped file, second of three in the torrent.</summary>
    private const int Middle = 1;

    /// <summary>
    /// a.bin (40,000 bytes), b.bin (100,000) and c.bin (30,000) in 32 KiB pieces: pieces 1 and 4 straddle b.bin, 2 and
    /// 3 lie wholly in it.
    /// </summary>
    private async Task<Torrent> CreateAsync()
    {
        SampleData.WriteFile(source.Combine("content", "a.bin"), 40_000, 1);
        SampleData.WriteFile(source.Combine("content", "b.bin"), 100_000, 2);
        SampleData.WriteFile(source.Combine("content", "c.bin"), 30_000, 3);
        created = (await TorrentCreator.CreateAsync(source.Combine("content"),
            new TorrentCreationOptions { Version = TorrentVersion.V1, PieceLength = PieceLength })).Torrent;
        Assert.Equal(["content/a.bin", "content/b.bin", "content/c.bin"], created.Files.Select(f => f.Path));
        return created;
    }

    private void WriteWantedPieces(Torrent torrent, TorrentStorage storage)
    {
        foreach (var piece in WantedPieces(storage.Layout))
        {
            storage.Write((long)piece * torrent.PieceLength, SourcePiece(storage.Layout, piece));
        }
    }

    private byte[] SourcePiece(PieceLayout layout, int piece)
    {
        using var seed = new TorrentStorage(created!, source.Path);
        var data = new byte[layout.PieceSize(piece)];
        Assert.True(seed.TryRead((long)piece * PieceLength, data));
        return data;
    }

    private void AssertSameBytes(int fileIndex, TorrentStorage storage)
    {
        var file = storage.Torrent.Files[fileIndex];
        Assert.Equal(File.ReadAllBytes(source.Combine([.. file.PathSegments])), File.ReadAllBytes(storage.PathOf(fileIndex)));
    }

    private void AssertPartFileHoldsTheStraddlingBytes(Torrent torrent, PieceLayout layout)
    {
        using var parts = new PartFile(TorrentStorage.PartFilePath(torrent, target.Path), torrent.PieceCount, torrent.PieceLength);
        Assert.Equal(StraddlingPieces(layout), parts.Pieces);
        var middle = File.ReadAllBytes(source.Combine("content", "b.bin"));
        var file = torrent.Files[Middle];
        foreach (var piece in parts.Pieces)
        {
            var pieceStart = (long)piece * PieceLength;
            var start = Math.Max(pieceStart, file.Offset);
            var end = Math.Min(pieceStart + layout.PieceSize(piece), file.Offset + file.Length);
            var held = new byte[end - start];
            Assert.True(parts.TryRead(piece, (int)(start - pieceStart), held));
            Assert.Equal(middle.AsSpan((int)(start - file.Offset), held.Length).ToArray(), held);
        }
    }

    /// <summary>Pieces touching a wanted file: all but those wholly inside the skipped one.</summary>
    private static List<int> WantedPieces(PieceLayout layout) =>
        Enumerable.Range(0, layout.PieceCount).Where(p => layout.FilesOfPiece(p).Any(f => f != Middle)).ToList();

    private static List<int> StraddlingPieces(PieceLayout layout) =>
        Enumerable.Range(0, layout.PieceCount).Where(p => layout.FilesOfPiece(p).Contains(Middle) && layout.FilesOfPiece(p).Count() > 1).ToList();
}
