using Swarmgrid.BitTorrent.Metainfo;

namespace Swarmgrid.BitTorrent.Tests.Metainfo;

public sealed class KnownAnswerTests
{
    [Fact]
    public void Load_V1SingleFile_HasTheKnownInfoHashAndFields()
    {
        var torrent = Torrent.Load(KnownTorrents.V1Single());

        Assert.Equal(KnownTorrents.V1SingleInfoHash, torrent.InfoHashes.V1?.ToHex());
        Assert.Null(torrent.InfoHashes.V2);
        Assert.Equal(TorrentVersion.V1, torrent.Version);
        Assert.Equal("a.txt", torrent.Name);
        var file = Assert.Single(torrent.Files);
        Assert.Equal(("a.txt", 3L, 0L), (file.Path, file.Length, file.Offset));
        Assert.Equal((3L, 16_384, 1), (torrent.TotalSize, torrent.PieceLength, torrent.PieceCount));
        Assert.Equal(System.Security.Cryptography.SHA1.HashData("abc"u8), torrent.GetPieceHash(0).ToArray());
        Assert.Equal([["http://tracker.example/ann"]], torrent.AnnounceTiers);
        Assert.Equal("hi", torrent.Comment);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), torrent.CreationDate);
        Assert.False(torrent.IsPrivate);
    }

    [Fact]
    public void Load_KeepsTheInfoBytesExactlyAsReceived()
    {
        var bytes = KnownTorrents.V1Single();
        var torrent = Torrent.Load(bytes);
        var start = "d8:announce26:http://tracker.example/ann7:comment2:hi4:info".Length;

        Assert.Equal(bytes.AsSpan(start, torrent.RawInfo.Length).ToArray(), torrent.RawInfo.ToArray());
    }

    [Fact]
    public void Load_V2SingleFile_HasTheKnownInfoHashRootAndLayer()
    {
        var torrent = Torrent.Load(KnownTorrents.V2Single());

        Assert.Equal(KnownTorrents.V2SingleInfoHash, torrent.InfoHashes.V2?.ToHex());
        Assert.Equal(KnownTorrents.V2SingleInfoHash[..40], torrent.InfoHashes.Primary.ToHex());
        Assert.Null(torrent.InfoHashes.V1);
        Assert.Equal(TorrentVersion.V2, torrent.Version);
        var file = Assert.Single(torrent.Files);
        Assert.Equal(("data.bin", 40_000L), (file.Path, file.Length));
        Assert.Equal(KnownTorrents.V2SingleRoot, Convert.ToHexStringLower(file.PiecesRoot.Span));
        Assert.Equal(KnownTorrents.V2SingleLeaves, Convert.ToHexStringLower(torrent.GetPieceLayer(file).Span));
        Assert.Equal(3, torrent.PieceCount);
        Assert.True(torrent.PieceHashes.IsEmpty);
    }

    [Fact]
    public void InfoHash_FormatsAsLowerHexAndBase32AndComparesByValue()
    {
        var hash = InfoHash.FromHex(KnownTorrents.V1SingleInfoHash.ToUpperInvariant());

        Assert.Equal(KnownTorrents.V1SingleInfoHash, hash.ToString());
        Assert.True(InfoHash.TryFromBase32(hash.ToBase32().ToLowerInvariant(), out var fromBase32));
        Assert.Equal(hash, fromBase32);
        Assert.Equal(32, hash.ToBase32().Length);
        Assert.NotEqual(hash, InfoHash.FromHex(new string('0', 40)));
        Assert.False(InfoHash.TryFromHex("xyz", out _));
    }

    [Fact]
    public void InfoHashes_MatchTheTruncatedV2Hash()
    {
        var hashes = Torrent.Load(KnownTorrents.V2Single()).InfoHashes;

        Assert.True(hashes.Matches(InfoHash.FromHex(KnownTorrents.V2SingleInfoHash[..40])));
        Assert.True(hashes.Matches(InfoHash.FromHex(KnownTorrents.V2SingleInfoHash)));
        Assert.False(hashes.Matches(InfoHash.FromHex(KnownTorrents.V1SingleInfoHash)));
    }
}
