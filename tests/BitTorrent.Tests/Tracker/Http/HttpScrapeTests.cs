using System.Buffers;
using System.Text;
using Swarmgrid.BitTorrent.Tracker;
using Swarmgrid.BitTorrent.Tracker.Http;
using static Swarmgrid.BitTorrent.Tests.Tracker.TrackerSamples;

namespace Swarmgrid.BitTorrent.Tests.Tracker.Http;

public sealed class HttpScrapeTests
{
    private static (string? Failure, TrackerHash[] Hashes) Parse(string query, int capacity = 8)
    {
        var hashes = new TrackerHash[capacity];
        var failure = HttpScrapeRequestParser.Parse(Encoding.Latin1.GetBytes(query), hashes, out var count);
        var fromChars = new TrackerHash[capacity];
        Assert.Equal(failure, HttpScrapeRequestParser.Parse(query.AsSpan(), fromChars, out var charCount));
        Assert.Equal(hashes[..count], fromChars[..charCount]);
        return (failure, hashes[..count]);
    }

    [Fact]
    public void ParseRequest_RepeatedInfoHash_KeepsEveryHashInOrder()
    {
        var (failure, hashes) = Parse("info_hash=" + InfoHashEncoded + "&foo=bar&info_hash=" + new string('b', 20) + "&info_hash=" + InfoHashEncoded);

        Assert.Null(failure);
        Assert.Equal([InfoHash, TrackerHash.FromBytes(Encoding.ASCII.GetBytes(new string('b', 20))), InfoHash], hashes);
    }

    [Fact]
    public void ParseRequest_NoInfoHash_IsAFullScrape()
    {
        var (failure, hashes) = Parse("passkey=x");
        Assert.Null(failure);
        Assert.Empty(hashes);
    }

    [Theory]
    [InlineData("info_hash=" + InfoHashEncoded + "&info_hash=0123456789012345678")]
    [InlineData("info_hash=0123456789012345678901")]
    [InlineData("info_hash=%zz23456789012345678")]
    public void ParseRequest_BadInfoHash_Fails(string query) => Assert.Equal(HttpFailureReasons.InvalidInfoHash, Parse(query).Failure);

    [Fact]
    public void ParseRequest_MoreHashesThanRoom_Fails() =>
        Assert.Equal(HttpFailureReasons.TooManyInfoHashes, Parse(string.Join('&', Enumerable.Repeat("info_hash=" + InfoHashEncoded, 3)), capacity: 2).Failure);

    [Fact]
    public void BuildQuery_ThenParse_GivesTheSameHashes()
    {
        TrackerHash[] hashes = [InfoHash, Hash(0), Hash(0xff)];
        Assert.Equal(hashes, Parse(HttpScrapeQuery.Build(hashes)).Hashes);
    }

    [Theory]
    [InlineData("http://t.example/announce", "http://t.example/scrape")]
    [InlineData("http://t.example/x/announce.php?passkey=1", "http://t.example/x/scrape.php?passkey=1")]
    [InlineData("http://t.example/a", null)]
    [InlineData("http://t.example/announce/x", null)]
    public void ScrapeUrlOf_FollowsTheConvention(string announce, string? scrape) => Assert.Equal(scrape, HttpScrapeQuery.ScrapeUrlOf(announce));

    [Fact]
    public void WriteResponse_SortsByHash_ExactBytes()
    {
        var output = new ArrayBufferWriter<byte>();
        ScrapeEntry[] files = [new(Hash(0xbb), 1, 2, 3, "b"), new(Hash(0xaa), 10, 20, 30), new(Hash(0xbb), 9, 9, 9)];

        HttpScrapeResponseWriter.Write(output, files, minRequestInterval: 900);

        Assert.Equal(
            "d5:filesd" +
            "20:" + new string('\xaa', 20) + "d8:completei10e10:downloadedi20e10:incompletei30ee" +
            "20:" + new string('\xbb', 20) + "d8:completei1e10:downloadedi2e10:incompletei3e4:name1:be" +
            "e5:flagsd20:min_request_intervali900eee",
            Latin1(output.WrittenSpan));
        Assert.Equal(new ScrapeEntry(Hash(0xbb), 1, 2, 3, "b"), files[0]);
    }

    [Fact]
    public void WriteResponse_NoFilesNoFlags_ExactBytes()
    {
        var output = new ArrayBufferWriter<byte>();
        HttpScrapeResponseWriter.Write(output, []);
        Assert.Equal("d5:filesdee", Latin1(output.WrittenSpan));
    }

    [Fact]
    public void ParseResponse_ReadsWhatTheWriterWrote()
    {
        var output = new ArrayBufferWriter<byte>();
        ScrapeEntry[] files = [new(Hash(1), 1, 2, 3, "one"), new(Hash(2), 4, 5, 6)];
        HttpScrapeResponseWriter.Write(output, files, 60);

        Assert.True(HttpScrapeResponseParser.TryParse(output.WrittenMemory, out var response, out _));

        Assert.Null(response.FailureReason);
        Assert.Equal(60, response.MinRequestInterval);
        Assert.Equal(files, response.Files.Values.OrderBy(f => f.InfoHash));
    }

    [Fact]
    public void ParseResponse_FailureAndJunkEntries()
    {
        Assert.True(HttpScrapeResponseParser.TryParse(Latin1("d14:failure reason4:nopee"), out var refused, out _));
        Assert.Equal("nope", refused.FailureReason);
        Assert.Empty(refused.Files);

        Assert.True(HttpScrapeResponseParser.TryParse(Latin1("d5:filesd3:abcd8:completei1ee20:" + new string('x', 20) + "i5eee"), out var junk, out _));
        Assert.Empty(junk.Files);

        Assert.False(HttpScrapeResponseParser.TryParse(Latin1("d5:files"), out _, out var error));
        Assert.NotNull(error);
    }
}
