using System.Numerics;
using Swarmgrid.BitTorrent.Creation;
using Swarmgrid.BitTorrent.Metainfo;
using Swarmgrid.BitTorrent.PeerWire;
using Swarmgrid.BitTorrent.Tests.Interop;

namespace Swarmgrid.BitTorrent.Tests.Metainfo;

/// <summary>Answering and checking BEP 52 hash requests over a real file's tree (built by our creator).</summary>
public sealed class MerkleProofTests : IDisposable
{
    private const int PieceLength = 32768;
    private readonly TempDirectory directory = new();

    [Theory]
    [InlineData(5, 0, 8, 2)]      // the whole piece layer, padded: no uncles
    [InlineData(5, 0, 2, 2)]      // two hashes and two uncles up to the root
    [InlineData(5, 4, 4, 2)]      // the half with the pads
    [InlineData(37, 32, 8, 5)]    // the last run of a 64-wide layer
    public void Answers_prove_out_against_the_pieces_root_and_tampering_fails(int pieces, int index, int length, int proofLayers)
    {
        var (torrent, file) = Create(pieces * PieceLength - 1000);
        var pieceHeight = BitOperations.Log2(PieceLength / MerkleTree.BlockSize);
        var treeHeight = MerkleProofs.TreeHeight(file.Length);
        var layers = MerkleProofs.LayersAbovePieces(torrent.GetPieceLayer(file).Span, pieceHeight, treeHeight);
        var request = new HashRequest(file.PiecesRoot, pieceHeight, index, length, proofLayers);

        var answer = MerkleProofs.Answer(request, treeHeight, (h, i) => layers[h - pieceHeight].AsSpan((int)i * 32, 32).ToArray());

        Assert.NotNull(answer);
        Assert.Equal((length + request.UncleCount) * 32, answer.Length);
        Assert.True(MerkleProofs.Verify(request, treeHeight, file.PiecesRoot.Span, answer));
        for (var at = 0; at < answer.Length; at += 32)
        {
            var tampered = (byte[])answer.Clone();
            tampered[at] ^= 1;
            Assert.False(MerkleProofs.Verify(request, treeHeight, file.PiecesRoot.Span, tampered));
        }
    }

    [Fact]
    public void Requests_outside_the_rules_are_invalid()
    {
        var (_, file) = Create(5 * PieceLength);
        var height = MerkleProofs.TreeHeight(file.Length);
        Assert.Equal(4, height); // 10 blocks of 16 KiB padded to 16 leaves; pieces of two blocks make a layer 8 wide at height 1
        Assert.False(MerkleProofs.IsValid(new HashRequest(file.PiecesRoot, 1, 1, 2, 1), height));  // index not a multiple of length
        Assert.False(MerkleProofs.IsValid(new HashRequest(file.PiecesRoot, 1, 0, 3, 1), height));  // length not a power of two
        Assert.False(MerkleProofs.IsValid(new HashRequest(file.PiecesRoot, 1, 8, 2, 1), height));  // past the layer
        Assert.False(MerkleProofs.IsValid(new HashRequest(file.PiecesRoot, 1, 0, 2, 3), height));  // proofs up to the root itself
        Assert.False(MerkleProofs.IsValid(new HashRequest(file.PiecesRoot, 4, 0, 1, 0), height));  // the root is no base layer
        Assert.True(MerkleProofs.IsValid(new HashRequest(file.PiecesRoot, 1, 6, 2, 2), height));
    }

    [Fact]
    public void A_torrent_from_its_info_dictionary_alone_lacks_layers_until_a_correct_one_is_added()
    {
        var (torrent, file) = Create(5 * PieceLength);
        var fromInfo = Torrent.LoadInfo(torrent.RawInfo.Span);
        Assert.False(fromInfo.HasAllPieceLayers);
        Assert.True(fromInfo.GetPieceLayer(fromInfo.Files[0]).IsEmpty);
        var layer = torrent.GetPieceLayer(file).ToArray();
        layer[5] ^= 1;
        Assert.False(fromInfo.TryAddPieceLayer(fromInfo.Files[0], layer));
        layer[5] ^= 1;
        Assert.True(fromInfo.TryAddPieceLayer(fromInfo.Files[0], layer));
        Assert.True(fromInfo.HasAllPieceLayers);
        Assert.Throws<TorrentFormatException>(() => Torrent.Load((byte[])[.. "d4:info"u8, .. torrent.RawInfo.Span, (byte)'e']));
    }

    [Fact]
    public async Task A_hybrid_loads_without_piece_layers_and_checks_with_sha1()
    {
        var path = SampleData.WriteFile(directory.Combine("h.bin"), 5 * PieceLength, 9);
        var created = await TorrentCreator.CreateAsync(path, new TorrentCreationOptions { Version = TorrentVersion.Hybrid, PieceLength = PieceLength });
        var withoutLayers = Torrent.Load((byte[])[.. "d4:info"u8, .. created.Torrent.RawInfo.Span, (byte)'e']);
        Assert.Equal(TorrentVersion.Hybrid, withoutLayers.Version);
        Assert.False(withoutLayers.HasAllPieceLayers);
        var data = await File.ReadAllBytesAsync(path);
        var layout = new BitTorrent.Storage.PieceLayout(withoutLayers);
        Assert.True(BitTorrent.Storage.PieceHashCheck.IsValid(withoutLayers, layout, 1, data.AsSpan(PieceLength, PieceLength)));
        Assert.False(BitTorrent.Storage.PieceHashCheck.IsValid(withoutLayers, layout, 2, data.AsSpan(PieceLength, PieceLength)));
    }

    public void Dispose() => directory.Dispose();

    private (Torrent Torrent, TorrentFile File) Create(int size)
    {
        var path = SampleData.WriteFile(directory.Combine($"f{size}.bin"), size, size);
        var torrent = TorrentCreator.CreateAsync(path, new TorrentCreationOptions { Version = TorrentVersion.V2, PieceLength = PieceLength })
            .GetAwaiter().GetResult().Torrent;
        return (torrent, torrent.Files[0]);
    }
}
