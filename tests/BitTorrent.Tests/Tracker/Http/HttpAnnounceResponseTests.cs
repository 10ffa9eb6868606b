using System.Buffers;
using System.Net;
using Swarmgrid.BitTorrent.Tracker;
using Swarmgrid.BitTorrent.Tracker.Http;
using static Swarmgrid.BitTorrent.Tests.Tracker.TrackerSamples;

namespace Swarmgrid.BitTorrent.Tests.Tracker.Http;

public sealed class HttpAnnounceResponseTests
{
    private static readonly PeerEndpoint First = PeerEndpoint.From(IPAddress.Parse("10.0.0.1"), 6881);
    private static readonly PeerEndpoint Second = PeerEndpoint.From(IPAddress.Parse("10.0.0.2"), 80);
    private static readonly PeerEndpoint Loopback6 = PeerEndpoint.From(IPAddress.IPv6Loopback, 6881);

    private const string FirstCompact = "\x0a\x00\x00\x01\x1a\xe1";
    private const string SecondCompact = "\x0a\x00\x00\x02\x00\x50";
    private const string Loopback6Compact = "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x01\x1a\xe1";

    private static readonly HttpAnnounceResponseFields AllFields = new(1800, 3, 2, MinInterval: 900, TrackerId: "tid", WarningMessage: "w");

    private static string Written(Action<IBufferWriter<byte>> write)
    {
        var output = new ArrayBufferWriter<byte>();
        write(output);
        return Latin1(output.WrittenSpan);
    }

    [Fact]
    public void WriteCompact_AllFieldsAndBothFamilies_ExactBytes()
    {
        var body = Written(o => HttpAnnounceResponseWriter.WriteCompact(o, AllFields, [First, Loopback6, Second]));

        Assert.Equal(
            "d8:completei3e10:incompletei2e8:intervali1800e12:min intervali900e" +
            "5:peers12:" + FirstCompact + SecondCompact + "6:peers618:" + Loopback6Compact +
            "10:tracker id3:tid15:warning message1:we",
            body);
    }

    [Fact]
    public void WriteCompact_OnlyRequiredFields_NoPeers6_ExactBytes() =>
        Assert.Equal(
            "d8:completei0e10:incompletei1e8:intervali60e5:peers6:" + FirstCompact + "e",
            Written(o => HttpAnnounceResponseWriter.WriteCompact(o, new HttpAnnounceResponseFields(60, 0, 1), [First])));

    [Fact]
    public void WriteCompact_NoPeers_WritesAnEmptyPeersString() =>
        Assert.Equal(
            "d8:completei0e10:incompletei0e8:intervali60e5:peers0:e",
            Written(o => HttpAnnounceResponseWriter.WriteCompact(o, new HttpAnnounceResponseFields(60, 0, 0), ReadOnlySpan<PeerEndpoint>.Empty)));

    [Fact]
    public void WriteCompact_PreEncodedPeers_MatchesTheEndpointOverload()
    {
        var fromEndpoints = Written(o => HttpAnnounceResponseWriter.WriteCompact(o, AllFields, [First, Second, Loopback6]));
        var fromBytes = Written(o => HttpAnnounceResponseWriter.WriteCompact(o, AllFields, Latin1(FirstCompact + SecondCompact), Latin1(Loopback6Compact)));

        Assert.Equal(fromEndpoints, fromBytes);
    }

    [Fact]
    public void WriteDictionary_WithPeerIds_ExactBytes()
    {
        TrackerPeer[] peers = [new(First, PeerId), new(Loopback6, PeerId), new(Second)];

        Assert.Equal(
            "d8:completei3e10:incompletei2e8:intervali1800e12:min intervali900e5:peersl" +
            "d2:ip8:10.0.0.17:peer id20:" + PeerIdText + "4:porti6881ee" +
            "d2:ip3:::17:peer id20:" + PeerIdText + "4:porti6881ee" +
            "d2:ip8:10.0.0.24:porti80ee" +
            "e10:tracker id3:tid15:warning message1:we",
            Written(o => HttpAnnounceResponseWriter.WriteDictionary(o, AllFields, peers, includePeerIds: true)));
    }

    [Fact]
    public void WriteDictionary_NoPeerId_LeavesIdsOut_ExactBytes() =>
        Assert.Equal(
            "d8:completei1e10:incompletei0e8:intervali30e5:peersld2:ip8:10.0.0.14:porti6881eeee",
            Written(o => HttpAnnounceResponseWriter.WriteDictionary(o, new HttpAnnounceResponseFields(30, 1, 0), [new(First, PeerId)], includePeerIds: false)));

    [Fact]
    public void WriteFailure_ExactBytes() =>
        Assert.Equal("d14:failure reason17:invalid info_hashe", Written(o => HttpFailureResponse.Write(o, HttpFailureReasons.InvalidInfoHash)));

    [Fact]
    public void ParseCompact_ReadsWhatTheWriterWrote()
    {
        var output = new ArrayBufferWriter<byte>();
        HttpAnnounceResponseWriter.WriteCompact(output, AllFields, [First, Loopback6, Second]);

        Assert.True(HttpAnnounceResponseParser.TryParse(output.WrittenMemory, out var response, out _));

        Assert.Null(response.FailureReason);
        Assert.Equal("w", response.WarningMessage);
        Assert.Equal((1800L, 900L, 3L, 2L), (response.Interval, response.MinInterval, response.Complete, response.Incomplete));
        Assert.Equal("tid", response.TrackerId);
        Assert.Equal([new(First), new(Second), new(Loopback6)], response.Peers);
    }

    [Fact]
    public void ParseDictionary_ReadsWhatTheWriterWrote()
    {
        var output = new ArrayBufferWriter<byte>();
        TrackerPeer[] peers = [new(First, PeerId), new(Loopback6), new(Second, Hash(7))];
        HttpAnnounceResponseWriter.WriteDictionary(output, new HttpAnnounceResponseFields(30, 1, 0), peers, includePeerIds: true);

        Assert.True(HttpAnnounceResponseParser.TryParse(output.WrittenMemory, out var response, out _));

        Assert.Equal(peers, response.Peers);
        Assert.Null(response.MinInterval);
    }

    [Fact]
    public void Parse_Failure_IsAValueNotAnError()
    {
        Assert.True(HttpAnnounceResponseParser.TryParse(Latin1("d14:failure reason8:not heree"), out var response, out var error));
        Assert.Null(error);
        Assert.Equal("not here", response.FailureReason);
        Assert.Empty(response.Peers);
    }

    [Fact]
    public void Parse_LenientTrackerOutput_IsAccepted()
    {
        var body = "d8:intervali0900e5:peersld2:ip9:not-an-ip4:porti1eed2:ip7:1.2.3.44:porti70000eed2:ip7:1.2.3.44:porti9eee" +
                   "6:peers65:short8:completei1ee";
        Assert.True(HttpAnnounceResponseParser.TryParse(Latin1(body), out var response, out _));
        Assert.Equal(900, response.Interval);
        Assert.Equal(1, response.Complete);
        Assert.Equal([new TrackerPeer(PeerEndpoint.From(IPAddress.Parse("1.2.3.4"), 9))], response.Peers);
    }

    [Theory]
    [InlineData("")]
    [InlineData("le")]
    [InlineData("d8:intervali1e")]
    [InlineData("<html>502 Bad Gateway</html>")]
    [InlineData("d5:peers99999:e")]
    public void Parse_NotABencodedDictionary_Fails(string body)
    {
        Assert.False(HttpAnnounceResponseParser.TryParse(Latin1(body), out var response, out var error));
        Assert.Null(response);
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void Parse_DictionaryPeers_SkipsUnusableEntries()
    {
        var body = "d5:peersl" +
                   "d2:ip9:host.name4:porti1ee" +
                   "d2:ip7:1.2.3.44:porti0ee" +
                   "d2:ip7:1.2.3.47:peer id3:abc4:porti9ee" +
                   "i5e" +
                   "ee";
        Assert.True(HttpAnnounceResponseParser.TryParse(Latin1(body), out var response, out _));
        Assert.Equal([new TrackerPeer(PeerEndpoint.From(IPAddress.Parse("1.2.3.4"), 9))], response.Peers);
    }
}
