using System.Net;
using Swarmgrid.BitTorrent.Tracker;
using Swarmgrid.BitTorrent.Tracker.Udp;
using static Swarmgrid.BitTorrent.Tests.Tracker.TrackerSamples;

namespace Swarmgrid.BitTorrent.Tests.Tracker.Udp;

public sealed class UdpMessageTests
{
    private const int Transaction = 0x01020304;
    private const long Connection = 0x1122334455667788;

    private static readonly UdpAnnounceRequest Announce = new()
    {
        ConnectionId = Connection,
        TransactionId = Transaction,
        InfoHash = InfoHash,
        PeerId = PeerId,
        Downloaded = 0x0A,
        Left = 0x0B,
        Uploaded = 0x0C,
        Event = TrackerEvent.Started,
        IPv4Address = 0xC0000201,
        Key = 0xDEADBEEF,
        NumWant = -1,
        Port = 6881,
    };

    private const string AnnounceHex =
        "1122334455667788" + "00000001" + "01020304" +
        "123456789abcdef123456789abcdef123456789a" +
        "2d5347303030312d6162636465666768696a6b6c" +
        "000000000000000a" + "000000000000000b" + "000000000000000c" +
        "00000002" + "c0000201" + "deadbeef" + "ffffffff" + "1ae1";

    private static byte[] Hex(string hex) => Convert.FromHexString(hex);

    private static byte[] Encoded(int size, Func<byte[], int> encode)
    {
        var buffer = new byte[size + 10];
        return buffer[..encode(buffer)];
    }

    [Fact]
    public void ConnectRequest_ExactBytes_AndRoundTrip()
    {
        var bytes = Encoded(16, b => new UdpConnectRequest(Transaction).Encode(b));

        Assert.Equal(Hex("0000041727101980" + "00000000" + "01020304"), bytes);
        Assert.True(UdpConnectRequest.TryDecode(bytes, out var decoded));
        Assert.Equal(new UdpConnectRequest(Transaction), decoded);
    }

    [Fact]
    public void Decode_ConnectRequest_WrongProtocolId_Fails() =>
        Assert.False(UdpConnectRequest.TryDecode(Hex("0000041727101981" + "00000000" + "01020304"), out _));

    [Fact]
    public void Decode_ConnectRequest_WrongAction_Fails() =>
        Assert.False(UdpConnectRequest.TryDecode(Hex("0000041727101980" + "00000001" + "01020304"), out _));

    [Fact]
    public void Decode_ConnectRequest_Truncated_Fails() =>
        Assert.False(UdpConnectRequest.TryDecode(Hex("0000041727101980" + "00000000" + "010203"), out _));

    [Fact]
    public void ConnectResponse_ExactBytes_AndRoundTrip()
    {
        var response = new UdpConnectResponse(Transaction, Connection);
        var bytes = Encoded(16, b => response.Encode(b));

        Assert.Equal(Hex("00000000" + "01020304" + "1122334455667788"), bytes);
        Assert.True(UdpConnectResponse.TryDecode(bytes, out var decoded));
        Assert.Equal(response, decoded);
        Assert.False(UdpConnectResponse.TryDecode(bytes[..15], out _));
    }

    [Fact]
    public void AnnounceRequest_ExactBytes_AndRoundTrip()
    {
        var bytes = Encoded(98, b => Announce.Encode(b));

        Assert.Equal(Hex(AnnounceHex), bytes);
        Assert.True(UdpAnnounceRequest.TryDecode(bytes, out var decoded));
        Assert.Equal(Announce, decoded);
    }

    [Fact]
    public void Decode_AnnounceRequest_WithBep41Options_IgnoresThem()
    {
        var withOptions = Hex(AnnounceHex + "0209" + "2f616e6e6f756e6365" + "00");
        Assert.True(UdpAnnounceRequest.TryDecode(withOptions, out var decoded));
        Assert.Equal(Announce, decoded);
    }

    [Fact]
    public void Decode_AnnounceRequest_Truncated_Fails() => Assert.False(UdpAnnounceRequest.TryDecode(Hex(AnnounceHex)[..97], out _));

    [Fact]
    public void Decode_AnnounceRequest_WrongAction_Fails()
    {
        var bytes = Hex(AnnounceHex);
        bytes[11] = 2;
        Assert.False(UdpAnnounceRequest.TryDecode(bytes, out _));
    }

    [Theory]
    [InlineData(80, 4)]
    [InlineData(80, 0xff)]
    [InlineData(56, 0x80)]
    [InlineData(64, 0xff)]
    [InlineData(72, 0x80)]
    public void Decode_AnnounceRequest_BadEventOrNegativeCounter_Fails(int offset, byte value)
    {
        var bytes = Hex(AnnounceHex);
        bytes[offset + (offset == 80 ? 3 : 0)] = value;
        Assert.False(UdpAnnounceRequest.TryDecode(bytes, out _));
    }

    [Fact]
    public void AnnounceResponse_IPv4_ExactBytes_AndRoundTrip()
    {
        var response = new UdpAnnounceResponse(Transaction, 1800, 2, 3);
        PeerEndpoint[] peers = [PeerEndpoint.From(IPAddress.Parse("10.0.0.1"), 6881), PeerEndpoint.From(IPAddress.IPv6Loopback, 1), PeerEndpoint.From(IPAddress.Parse("10.0.0.2"), 80)];
        var bytes = Encoded(UdpAnnounceResponse.SizeFor(2, false), b => response.Encode(b, peers, ipv6: false));

        Assert.Equal(Hex("00000001" + "01020304" + "00000708" + "00000002" + "00000003" + "0a0000011ae1" + "0a0000020050"), bytes);
        Assert.True(UdpAnnounceResponse.TryDecode(bytes, out var decoded, out var compact));
        Assert.Equal(response, decoded);
        Assert.Equal([peers[0], peers[2]], CompactPeers.Read(compact, ipv6: false));
    }

    [Fact]
    public void AnnounceResponse_IPv6_ExactBytes_AndRoundTrip()
    {
        var response = new UdpAnnounceResponse(Transaction, 60, 0, 1);
        PeerEndpoint[] peers = [PeerEndpoint.From(IPAddress.Parse("10.0.0.1"), 6881), PeerEndpoint.From(IPAddress.Parse("2001:db8::1"), 51413)];
        var bytes = Encoded(UdpAnnounceResponse.SizeFor(1, true), b => response.Encode(b, peers, ipv6: true));

        Assert.Equal(Hex("00000001" + "01020304" + "0000003c" + "00000000" + "00000001" + "20010db8000000000000000000000001c8d5"), bytes);
        Assert.True(UdpAnnounceResponse.TryDecode(bytes, out var decoded, out var compact));
        Assert.Equal(response, decoded);
        Assert.Equal([peers[1]], CompactPeers.Read(compact, ipv6: true));
    }

    [Fact]
    public void AnnounceResponse_PreEncodedPeers_MatchTheEndpointOverload()
    {
        var response = new UdpAnnounceResponse(Transaction, 60, 0, 1);
        var fromBytes = Encoded(26, b => response.Encode(b, Hex("0a0000011ae1")));
        var fromPeers = Encoded(26, b => response.Encode(b, [PeerEndpoint.From(IPAddress.Parse("10.0.0.1"), 6881)], false));
        Assert.Equal(fromPeers, fromBytes);
    }

    [Fact]
    public void Decode_AnnounceResponse_Truncated_Fails() =>
        Assert.False(UdpAnnounceResponse.TryDecode(Hex("00000001" + "01020304" + "00000708" + "00000002" + "000000"), out _, out _));

    [Fact]
    public void Encode_TooSmallDestination_Throws() =>
        Assert.Throws<ArgumentException>(() => Announce.Encode(new byte[97]));

    [Fact]
    public void ScrapeRequest_ExactBytes_AndRoundTrip()
    {
        var request = new UdpScrapeRequest(Connection, Transaction);
        var bytes = Encoded(56, b => request.Encode(b, [InfoHash, Hash(0xff)]));

        Assert.Equal(Hex("1122334455667788" + "00000002" + "01020304" + "123456789abcdef123456789abcdef123456789a" + new string('f', 40)), bytes);
        Assert.True(UdpScrapeRequest.TryDecode(bytes, out var decoded, out var hashes));
        Assert.Equal(request, decoded);
        Assert.Equal(2, hashes.Length / TrackerHash.Size);
        Assert.Equal(InfoHash, UdpScrapeRequest.InfoHashAt(hashes, 0));
        Assert.Equal(Hash(0xff), UdpScrapeRequest.InfoHashAt(hashes, 1));
    }

    [Fact]
    public void ScrapeRequest_MaxHashes_FitsInAnEthernetMtu()
    {
        var hashes = Enumerable.Range(0, UdpScrapeRequest.MaxInfoHashes).Select(i => Hash((byte)i)).ToArray();
        var bytes = Encoded(1496, b => new UdpScrapeRequest(Connection, Transaction).Encode(b, hashes));

        Assert.Equal(1496, bytes.Length);
        Assert.True(UdpScrapeRequest.TryDecode(bytes, out _, out var decoded));
        var raw = decoded.ToArray();
        Assert.Equal(hashes, Enumerable.Range(0, 74).Select(i => UdpScrapeRequest.InfoHashAt(raw, i)));
        Assert.Throws<ArgumentException>(() => new UdpScrapeRequest(Connection, Transaction).Encode(new byte[2000], [.. hashes, Hash(1)]));
        Assert.Throws<ArgumentException>(() => new UdpScrapeRequest(Connection, Transaction).Encode(new byte[2000], []));
    }

    [Theory]
    [InlineData(16)]
    [InlineData(35)]
    [InlineData(37)]
    [InlineData(16 + 75 * 20)]
    public void Decode_ScrapeRequest_BadLength_Fails(int length)
    {
        var bytes = new byte[length];
        Hex("1122334455667788" + "00000002" + "01020304").CopyTo(bytes, 0);
        Assert.False(UdpScrapeRequest.TryDecode(bytes, out _, out _));
    }

    [Fact]
    public void ScrapeResponse_ExactBytes_AndRoundTrip()
    {
        UdpScrapeStats[] stats = [new(1, 2, 3), new(0x7fffffff, 0, 0x0a0b0c0d)];
        var bytes = Encoded(32, b => new UdpScrapeResponse(Transaction).Encode(b, stats));

        Assert.Equal(Hex("00000002" + "01020304" + "000000010000000200000003" + "7fffffff000000000a0b0c0d"), bytes);
        Assert.True(UdpScrapeResponse.TryDecode(bytes, out var decoded, out var entries));
        Assert.Equal(new UdpScrapeResponse(Transaction), decoded);
        Assert.Equal(stats, UdpScrapeStats.ReadAll(entries));
        Assert.False(UdpScrapeResponse.TryDecode(bytes[..7], out _, out _));
    }

    [Fact]
    public void ErrorResponse_ExactBytes_AndRoundTrip()
    {
        var error = new UdpErrorResponse(Transaction, "bad connection id");
        var bytes = Encoded(25, b => error.Encode(b));

        Assert.Equal(Hex("00000003" + "01020304" + Convert.ToHexString("bad connection id"u8)), bytes);
        Assert.Equal(bytes, Encoded(25, b => UdpErrorResponse.Encode(b, Transaction, "bad connection id"u8)));
        Assert.True(UdpErrorResponse.TryDecode(bytes, out var decoded));
        Assert.Equal(error, decoded);
        Assert.True(UdpErrorResponse.TryDecode(Hex("0000000301020304ff"), out var invalidUtf8));
        Assert.Equal("\ufffd", invalidUtf8.Message);
    }

    [Fact]
    public void Headers_DispatchByAction()
    {
        Assert.True(UdpRequestHeader.TryRead(Hex(AnnounceHex), out var request));
        Assert.Equal(new UdpRequestHeader(Connection, UdpTrackerAction.Announce, Transaction), request);
        Assert.True(UdpResponseHeader.TryRead(Hex("0000000301020304"), out var response));
        Assert.Equal(new UdpResponseHeader(UdpTrackerAction.Error, Transaction), response);
        Assert.False(UdpRequestHeader.TryRead(new byte[15], out _));
        Assert.False(UdpResponseHeader.TryRead(new byte[7], out _));
    }

    [Fact]
    public void Decode_JunkOfEveryLength_FailsOrDecodesWithoutThrowing()
    {
        var random = new Random(15);
        for (var length = 0; length <= 120; length++)
        {
            var junk = new byte[length];
            random.NextBytes(junk);
            if (length >= 12)
            {
                junk[8] = junk[9] = junk[10] = 0x7f; // an action no message has
            }

            Assert.False(UdpConnectRequest.TryDecode(junk, out _));
            Assert.False(UdpAnnounceRequest.TryDecode(junk, out _));
            Assert.False(UdpScrapeRequest.TryDecode(junk, out _, out _));
            Assert.Equal(length >= 16, UdpRequestHeader.TryRead(junk, out _));

            var zeros = new byte[length];
            Assert.Equal(length >= 16, UdpConnectResponse.TryDecode(zeros, out _));
            Assert.False(UdpAnnounceResponse.TryDecode(zeros, out _, out _));
            Assert.False(UdpScrapeResponse.TryDecode(zeros, out _, out _));
            Assert.False(UdpErrorResponse.TryDecode(zeros, out _));
            Assert.False(UdpConnectRequest.TryDecode(zeros, out _));
        }
    }
}
