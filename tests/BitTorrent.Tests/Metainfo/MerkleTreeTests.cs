using Swarmgrid.BitTorrent.Metainfo;

namespace Swarmgrid.BitTorrent.Tests.Metainfo;

/// <summary>Known answers computed independently with Python's hashlib.</summary>
public sealed class MerkleTreeTests
{
    private static readonly byte[] Data = Enumerable.Range(0, 40_000).Select(i => (byte)(i % 251)).ToArray();

    [Fact]
    public void PieceRoot_OfOneShortBlock_IsTheBlockHash() =>
        Assert.Equal("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824",
            Convert.ToHexStringLower(MerkleTree.PieceRoot("hello"u8, 1)));

    [Fact]
    public void PieceRoot_OfThreeBlocks_PadsTheLeavesWithZeroHashes() =>
        Assert.Equal("ab671631a9fa97a1fdac651fff6c68773b9acf0735b9c7f6ecdd54cbf1bf5dc2",
            Convert.ToHexStringLower(MerkleTree.PieceRoot(Data, 4)));

    [Fact]
    public void RootFromPieceLayer_OfTwoPiecesOf32KiB_GivesTheSameRoot()
    {
        var layer = Convert.FromHexString(
            "d9e13d0b676ad681164ef0b7b5910d1328ea83a047cad57e619d76bbe3a08525c878da4f6d2bc3d9e59af3c6ef3aaf72b248998c30a4b77a4e7de79a899daf72");
        Assert.Equal(layer[..32], MerkleTree.PieceRoot(Data.AsSpan(0, 32_768), 2));
        Assert.Equal(layer[32..], MerkleTree.PieceRoot(Data.AsSpan(32_768), 2));
        Assert.Equal("ab671631a9fa97a1fdac651fff6c68773b9acf0735b9c7f6ecdd54cbf1bf5dc2",
            Convert.ToHexStringLower(MerkleTree.RootFromPieceLayer(layer, 32_768)));
    }

    [Fact]
    public void ZeroRoot_OfHeightOne_IsTheHashOfTwoZeroLeaves() =>
        Assert.Equal(System.Security.Cryptography.SHA256.HashData(new byte[64]), MerkleTree.ZeroRoot(1).ToArray());

    [Fact]
    public void Root_RejectsAWidthThatIsNotAPowerOfTwo() =>
        Assert.Throws<ArgumentException>(() => MerkleTree.Root(new byte[96], 3));
}
