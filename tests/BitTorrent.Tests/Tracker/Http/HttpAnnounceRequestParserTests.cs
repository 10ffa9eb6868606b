using System.Net;
using System.Text;
using Swarmgrid.BitTorrent.Tracker;
using Swarmgrid.BitTorrent.Tracker.Http;
using static Swarmgrid.BitTorrent.Tests.Tracker.TrackerSamples;

namespace Swarmgrid.BitTorrent.Tests.Tracker.Http;

public sealed class HttpAnnounceRequestParserTests
{
    private const int DefaultNumWant = 50;
    private const int MaxNumWant = 200;

    private static HttpAnnounceParseResult Parse(string query) =>
        HttpAnnounceRequestParser.Parse(Encoding.Latin1.GetBytes(query), DefaultNumWant, MaxNumWant);

    private static HttpAnnounceRequest Parses(string query)
    {
        var result = Parse(query);
        Assert.True(result.IsSuccess, result.FailureReason);
        return result.Request;
    }

    private static void Fails(string query, string reason)
    {
        var bytes = Parse(query);
        Assert.False(bytes.IsSuccess);
        Assert.Equal(reason, bytes.FailureReason);
        Assert.Equal(default, bytes.Request);
        Assert.Equal(reason, HttpAnnounceRequestParser.Parse(query.AsSpan(), DefaultNumWant, MaxNumWant).FailureReason);
    }

    [Fact]
    public void Parse_MinimalAnnounce_ReadsEveryField()
    {
        var request = Parses(AnnounceQuery);

        Assert.Equal(InfoHash, request.InfoHash);
        Assert.Equal(PeerId, request.PeerId);
        Assert.Equal(6881, request.Port);
        Assert.Equal((10L, 20L, 30L), (request.Uploaded, request.Downloaded, request.Left));
        Assert.Equal(TrackerEvent.None, request.Event);
        Assert.True(request.Compact);
        Assert.False(request.NoPeerId);
        Assert.Equal(DefaultNumWant, request.NumWant);
        Assert.Null(request.Key);
        Assert.Null(request.TrackerId);
        Assert.Null(request.Ip);
        Assert.Null(request.Corrupt);
        Assert.False(request.SupportCrypto);
    }

    [Fact]
    public void Parse_MinimalAnnounce_DoesNotAllocate()
    {
        var query = Encoding.Latin1.GetBytes(AnnounceQuery + "&event=started&compact=1&numwant=80&no_peer_id=1");
        HttpAnnounceRequestParser.Parse(query, DefaultNumWant, MaxNumWant);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = HttpAnnounceRequestParser.Parse(query, DefaultNumWant, MaxNumWant);
        var charResult = HttpAnnounceRequestParser.Parse(AnnounceQuery.AsSpan(), DefaultNumWant, MaxNumWant);

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(result.IsSuccess && charResult.IsSuccess);
    }

    [Fact]
    public void Parse_CharsAndBytes_GiveTheSameRequest()
    {
        var query = "?" + AnnounceQuery + "&event=started&key=abc%20d&numwant=7";
        Assert.Equal(Parses(query), HttpAnnounceRequestParser.Parse(query.AsSpan(), DefaultNumWant, MaxNumWant).Request);
    }

    [Fact]
    public void Parse_LongCharQuery_UsesAPooledBufferAndStillParses()
    {
        var query = AnnounceQuery + "&padding=" + new string('x', 5000);
        var result = HttpAnnounceRequestParser.Parse(query.AsSpan(), DefaultNumWant, MaxNumWant);
        Assert.True(result.IsSuccess);
        Assert.Equal(InfoHash, result.Request.InfoHash);
    }

    [Fact]
    public void Parse_AllOptionalKeys_AreRead()
    {
        var request = Parses(AnnounceQuery +
            "&event=completed&compact=0&no_peer_id=1&numwant=25&key=8F3A%2B1&trackerid=t%2Fid&ip=192.0.2.1" +
            "&ipv4=198.51.100.2%3A7000&ipv6=2001%3Adb8%3A%3A5&corrupt=12&supportcrypto=1&unknown=%zz");

        Assert.Equal(TrackerEvent.Completed, request.Event);
        Assert.False(request.Compact);
        Assert.True(request.NoPeerId);
        Assert.Equal(25, request.NumWant);
        Assert.Equal("8F3A+1", request.Key);
        Assert.Equal("t/id", request.TrackerId);
        Assert.Equal(PeerEndpoint.From(IPAddress.Parse("192.0.2.1"), 6881), request.Ip);
        Assert.Equal(PeerEndpoint.From(IPAddress.Parse("198.51.100.2"), 7000), request.Ipv4);
        Assert.Equal(PeerEndpoint.From(IPAddress.Parse("2001:db8::5"), 6881), request.Ipv6);
        Assert.Equal(12, request.Corrupt);
        Assert.True(request.SupportCrypto);
    }

    [Theory]
    [InlineData("", TrackerEvent.None)]
    [InlineData("started", TrackerEvent.Started)]
    [InlineData("stopped", TrackerEvent.Stopped)]
    [InlineData("completed", TrackerEvent.Completed)]
    public void Parse_Event_IsRead(string value, TrackerEvent expected) =>
        Assert.Equal(expected, Parses(AnnounceQuery + "&event=" + value).Event);

    [Theory]
    [InlineData("paused")]
    [InlineData("Started")]
    [InlineData("start")]
    public void Parse_UnknownEvent_Fails(string value) => Fails(AnnounceQuery + "&event=" + value, HttpFailureReasons.InvalidEvent);

    [Fact]
    public void Parse_PlusInAValue_IsASpace()
    {
        var encodedWithPlus = InfoHashEncoded.Replace("%124Vx", "+4Vx", StringComparison.Ordinal);
        var expected = InfoHash.ToArray();
        expected[0] = expected[15] = (byte)' ';

        Assert.Equal(TrackerHash.FromBytes(expected), Parses(AnnounceQuery.Replace(InfoHashEncoded, encodedWithPlus, StringComparison.Ordinal)).InfoHash);
    }

    [Fact]
    public void Parse_EveryByteEncoded_IsBinarySafe()
    {
        var all = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        for (var start = 0; start < 256; start += 20)
        {
            var bytes = new byte[20];
            for (var i = 0; i < 20; i++)
            {
                bytes[i] = all[(start + i) % 256];
            }
            var encoded = string.Concat(bytes.Select(b => $"%{b:x2}"));
            var query = $"info_hash={encoded}&peer_id={PeerIdText}&port=1&uploaded=0&downloaded=0&left=0";
            Assert.Equal(TrackerHash.FromBytes(bytes), Parses(query).InfoHash);
        }
    }

    [Fact]
    public void Parse_RawHighBytesInTheQuery_StandForThemselves()
    {
        var raw = new byte[20];
        Array.Fill(raw, (byte)0xE9);
        var query = Encoding.Latin1.GetBytes("info_hash=").Concat(raw).Concat(Encoding.Latin1.GetBytes($"&peer_id={PeerIdText}&port=1&uploaded=0&downloaded=0&left=0")).ToArray();

        var result = HttpAnnounceRequestParser.Parse(query, DefaultNumWant, MaxNumWant);

        Assert.Equal(TrackerHash.FromBytes(raw), result.Request.InfoHash);
    }

    [Theory]
    [InlineData("%124Vx%9A%BC%DE%F1%23Eg%89%AB%CD%EF%124Vx")]
    [InlineData("%124Vx%9A%BC%DE%F1%23Eg%89%AB%CD%EF%124Vx%9A%00")]
    [InlineData("")]
    [InlineData("%124Vx%9A%BC%DE%F1%23Eg%89%AB%CD%EF%124Vx%9")]
    [InlineData("%124Vx%9A%BC%DE%F1%23Eg%89%AB%CD%EF%124Vx%")]
    [InlineData("%124Vx%9A%BC%DE%F1%23Eg%89%AB%CD%EF%124Vx%G1")]
    [InlineData("%124Vx%9A%BC%DE%F1%23Eg%89%AB%CD%EF%124V%x9A")]
    public void Parse_InfoHashNot20BytesOrMalformed_Fails(string encoded) =>
        Fails(AnnounceQuery.Replace(InfoHashEncoded, encoded, StringComparison.Ordinal), HttpFailureReasons.InvalidInfoHash);

    [Theory]
    [InlineData("-SG0001-abcdefghijk")]
    [InlineData("-SG0001-abcdefghijklm")]
    [InlineData("-SG0001-abcdefghijk%")]
    public void Parse_PeerIdNot20BytesOrMalformed_Fails(string peerId) =>
        Fails(AnnounceQuery.Replace(PeerIdText, peerId, StringComparison.Ordinal), HttpFailureReasons.InvalidPeerId);

    [Theory]
    [InlineData("0")]
    [InlineData("65536")]
    [InlineData("-1")]
    [InlineData("+80")]
    [InlineData("80a")]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("99999999999999999999999")]
    public void Parse_BadPort_Fails(string port) =>
        Fails(AnnounceQuery.Replace("port=6881", "port=" + port, StringComparison.Ordinal), HttpFailureReasons.InvalidPort);

    [Theory]
    [InlineData("1", 1)]
    [InlineData("65535", 65535)]
    [InlineData("%36%38%38%31", 6881)]
    [InlineData("00080", 80)]
    public void Parse_Port_AcceptsTheWholeRange(string port, int expected) =>
        Assert.Equal(expected, Parses(AnnounceQuery.Replace("port=6881", "port=" + port, StringComparison.Ordinal)).Port);

    [Theory]
    [InlineData("uploaded=10", "uploaded=-1", HttpFailureReasons.InvalidUploaded)]
    [InlineData("downloaded=20", "downloaded=x", HttpFailureReasons.InvalidDownloaded)]
    [InlineData("left=30", "left=9223372036854775808", HttpFailureReasons.InvalidLeft)]
    [InlineData("left=30", "left=", HttpFailureReasons.InvalidLeft)]
    public void Parse_BadCounter_Fails(string good, string bad, string reason) =>
        Fails(AnnounceQuery.Replace(good, bad, StringComparison.Ordinal), reason);

    [Fact]
    public void Parse_LargestCounter_IsAccepted() =>
        Assert.Equal(long.MaxValue, Parses(AnnounceQuery.Replace("left=30", "left=9223372036854775807", StringComparison.Ordinal)).Left);

    [Theory]
    [InlineData("info_hash=" + InfoHashEncoded + "&", HttpFailureReasons.MissingInfoHash)]
    [InlineData("peer_id=" + PeerIdText + "&", HttpFailureReasons.MissingPeerId)]
    [InlineData("port=6881&", HttpFailureReasons.MissingPort)]
    [InlineData("uploaded=10&", HttpFailureReasons.MissingUploaded)]
    [InlineData("downloaded=20&", HttpFailureReasons.MissingDownloaded)]
    [InlineData("&left=30", HttpFailureReasons.MissingLeft)]
    public void Parse_MissingRequiredKey_Fails(string removed, string reason) =>
        Fails(AnnounceQuery.Replace(removed, "", StringComparison.Ordinal), reason);

    [Fact]
    public void Parse_EmptyQuery_FailsOnTheFirstRequiredKey()
    {
        Fails("", HttpFailureReasons.MissingInfoHash);
        Fails("?&&=&", HttpFailureReasons.MissingInfoHash);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("ten")]
    [InlineData("")]
    [InlineData("1.5")]
    public void Parse_BadNumWant_Fails(string numWant) => Fails(AnnounceQuery + "&numwant=" + numWant, HttpFailureReasons.InvalidNumWant);

    [Theory]
    [InlineData("0", 0)]
    [InlineData("200", MaxNumWant)]
    [InlineData("201", MaxNumWant)]
    [InlineData("9223372036854775807", MaxNumWant)]
    public void Parse_NumWant_IsCapped(string numWant, int expected) =>
        Assert.Equal(expected, Parses(AnnounceQuery + "&numwant=" + numWant).NumWant);

    [Theory]
    [InlineData("2")]
    [InlineData("")]
    [InlineData("yes")]
    public void Parse_BadCompact_Fails(string compact) => Fails(AnnounceQuery + "&compact=" + compact, HttpFailureReasons.InvalidCompact);

    [Fact]
    public void Parse_BadOptionalValues_Fail()
    {
        Fails(AnnounceQuery + "&corrupt=-3", HttpFailureReasons.InvalidCorrupt);
        Fails(AnnounceQuery + "&key=%", HttpFailureReasons.InvalidKey);
        Fails(AnnounceQuery + "&key=" + new string('k', 129), HttpFailureReasons.InvalidKey);
        Fails(AnnounceQuery + "&trackerid=%4", HttpFailureReasons.InvalidTrackerId);
    }

    [Fact]
    public void Parse_CharAboveLatin1_Fails() => Assert.Equal(
        HttpFailureReasons.InvalidQuery,
        HttpAnnounceRequestParser.Parse((AnnounceQuery + "&x=\u20ac").AsSpan(), DefaultNumWant, MaxNumWant).FailureReason);

    [Fact]
    public void Parse_AddressHintsThatAreNotAddresses_AreIgnored()
    {
        var request = Parses(AnnounceQuery + "&ip=tracker.example&ipv4=2001%3Adb8%3A%3A1&ipv6=10.0.0.1");
        Assert.Null(request.Ip);
        Assert.Null(request.Ipv4);
        Assert.Null(request.Ipv6);
    }

    [Fact]
    public void Parse_RepeatedKey_LastOneWins()
    {
        var request = Parses(AnnounceQuery + "&port=7000&numwant=3&numwant=4&info_hash=" + new string('a', 20));
        Assert.Equal(7000, request.Port);
        Assert.Equal(4, request.NumWant);
        Assert.Equal(TrackerHash.FromBytes(Encoding.ASCII.GetBytes(new string('a', 20))), request.InfoHash);
    }

    [Fact]
    public void Parse_RepeatedKey_EveryOccurrenceIsValidated() =>
        Fails(AnnounceQuery.Replace("port=6881", "port=0&port=6881", StringComparison.Ordinal), HttpFailureReasons.InvalidPort);

    [Fact]
    public void Parse_PercentEncodedKeyName_IsNotAKey() =>
        Fails(AnnounceQuery.Replace("port=", "p%6Frt=", StringComparison.Ordinal), HttpFailureReasons.MissingPort);

    [Fact]
    public void Build_ThenParse_GivesTheSameRequest()
    {
        var request = new HttpAnnounceRequest
        {
            InfoHash = TrackerHash.FromBytes(Enumerable.Range(236, 20).Select(i => (byte)i).ToArray()),
            PeerId = PeerId,
            Port = 51413,
            Uploaded = 1,
            Downloaded = long.MaxValue,
            Left = 0,
            Event = TrackerEvent.Stopped,
            Compact = false,
            NoPeerId = true,
            NumWant = 80,
            Key = "k e+y/\u00ff",
            TrackerId = "abc",
            Ip = PeerEndpoint.From(IPAddress.Parse("203.0.113.9"), 51413),
            Ipv4 = PeerEndpoint.From(IPAddress.Parse("203.0.113.10"), 51413),
            Ipv6 = PeerEndpoint.From(IPAddress.Parse("2001:db8::9"), 7000),
            Corrupt = 5,
            SupportCrypto = true,
        };

        var url = HttpAnnounceQuery.BuildUrl("http://tracker.example/announce?passkey=1", request);

        Assert.StartsWith("http://tracker.example/announce?passkey=1&info_hash=%EC%ED%EE", url, StringComparison.Ordinal);
        Assert.Equal(request, Parses(url[(url.IndexOf('?', StringComparison.Ordinal) + 1)..]));
    }
}
