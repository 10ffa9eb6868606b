using System.Net;
using System.Text;
using CsCheck;
using Swarmgrid.BitTorrent.Tracker;
using Swarmgrid.BitTorrent.Tracker.Http;
using Swarmgrid.BitTorrent.Tracker.Udp;
using static Swarmgrid.BitTorrent.Tests.Tracker.TrackerSamples;

namespace Swarmgrid.BitTorrent.Tests.Tracker;

/// <summary>
/// Random edits of valid queries, bodies and packets: every parser must answer with a value, never an exception,
/// and the server-side parsers must allocate in proportion to their input.
/// </summary>
public sealed class TrackerFuzzTests
{
    private const int Iterations = 50_000;

    private static readonly byte[] Alphabet = Encoding.ASCII.GetBytes("%&=+?0123456789abcdefABCDEFxz:[].-_\0\xff");

    private static readonly byte[] AnnounceQuery = Latin1(
        TrackerSamples.AnnounceQuery + "&event=started&compact=1&no_peer_id=1&numwant=30&key=abcd&trackerid=t1" +
        "&ip=10.0.0.1&ipv4=10.0.0.2%3A80&ipv6=%5B2001%3Adb8%3A%3A1%5D%3A81&corrupt=0&supportcrypto=1");

    private static readonly byte[] ScrapeQuery = Latin1("info_hash=" + InfoHashEncoded + "&info_hash=" + new string('q', 20));

    private static readonly byte[] AnnounceBody = Latin1(
        "d8:completei3e10:incompletei2e8:intervali1800e12:min intervali900e5:peers12:\x0a\0\0\x01\x1a\xe1\x0a\0\0\x02\0\x50" +
        "6:peers618:\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x01\x1a\xe110:tracker id3:tid15:warning message1:we");

    private static readonly byte[] DictionaryBody = Latin1(
        "d8:intervali60e5:peersld2:ip8:10.0.0.17:peer id20:" + PeerIdText + "4:porti6881eed2:ip3:::14:porti80eeee");

    private static readonly byte[] ScrapeBody = Latin1(
        "d5:filesd20:" + new string('\xaa', 20) + "d8:completei10e10:downloadedi20e10:incompletei30e4:name1:nee" +
        "5:flagsd20:min_request_intervali900eee");

    private static readonly byte[][] Packets =
    [
        Convert.FromHexString("000004172710198000000000" + "01020304"),
        Convert.FromHexString("00000000010203041122334455667788"),
        Convert.FromHexString(
            "1122334455667788000000010102030412345678" + "9abcdef123456789abcdef123456789a2d534730" +
            "3030312d6162636465666768696a6b6c00000000" + "0000000a000000000000000b000000000000000c" +
            "00000002c0000201deadbeefffffffff1ae1"),
        Convert.FromHexString("0000000101020304000007080000000200000003" + "0a0000011ae10a0000020050"),
        Convert.FromHexString("112233445566778800000002010203041234567" + "89abcdef123456789abcdef123456789a"),
        Convert.FromHexString("0000000201020304" + "000000010000000200000003"),
        Convert.FromHexString("0000000301020304" + "6261642069640a"),
    ];

    private static byte[] Mutate(Random random, byte[] input)
    {
        var bytes = new List<byte>(input);
        var edits = random.Next(1, 6);
        for (var e = 0; e < edits; e++)
        {
            var at = bytes.Count == 0 ? 0 : random.Next(bytes.Count);
            var b = random.Next(3) == 0 ? (byte)random.Next(256) : Alphabet[random.Next(Alphabet.Length)];
            switch (random.Next(5))
            {
                case 0 when bytes.Count > 0:
                    bytes[at] = b;
                    break;
                case 1:
                    bytes.Insert(at, b);
                    break;
                case 2 when bytes.Count > 0:
                    bytes.RemoveAt(at);
                    break;
                case 3:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                default:
                    bytes.InsertRange(at, bytes.GetRange(at, Math.Min(bytes.Count - at, random.Next(1, 24))));
                    break;
            }
        }
        return [.. bytes];
    }

    private static long Allocated(Action action)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Fact]
    public void HttpRequestParsers_MutatedQueries_NeverThrow_AndAllocateInProportion()
    {
        var random = new Random(3);
        Span<TrackerHash> hashes = stackalloc TrackerHash[4];
        var failures = 0;
        for (var i = 0; i < Iterations; i++)
        {
            var query = Mutate(random, i % 4 == 0 ? ScrapeQuery : AnnounceQuery);
            var text = Encoding.Latin1.GetString(query);

            HttpAnnounceParseResult result = default;
            var allocated = Allocated(() => result = HttpAnnounceRequestParser.Parse(query, 50, 200));
            Assert.True(allocated <= 1024 + 16L * query.Length, $"{allocated} bytes allocated for a {query.Length}-byte query");
            Assert.Equal(result.IsSuccess, result.FailureReason is null);
            Assert.Equal(result.Request, HttpAnnounceRequestParser.Parse(text.AsSpan(), 50, 200).Request);
            failures += result.IsSuccess ? 0 : 1;
            if (result.IsSuccess)
            {
                Assert.InRange(result.Request.NumWant, 0, 200);
                Assert.NotEqual(0, result.Request.Port);
            }

            var before = GC.GetAllocatedBytesForCurrentThread();
            HttpScrapeRequestParser.Parse(query, hashes, out var count);
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.InRange(count, 0, hashes.Length);
        }
        Assert.InRange(failures, 1, Iterations - 1);
    }

    [Fact]
    public void HttpResponseParsers_MutatedBodies_NeverThrow()
    {
        var random = new Random(4);
        byte[][] bodies = [AnnounceBody, DictionaryBody, ScrapeBody];
        for (var i = 0; i < Iterations; i++)
        {
            var body = Mutate(random, bodies[i % bodies.Length]);
            var allocated = Allocated(() =>
            {
                var announced = HttpAnnounceResponseParser.TryParse(body, out var announce, out var error);
                Assert.True(announced ^ (error is not null));
                Assert.Equal(announced, announce is not null);
                var scraped = HttpScrapeResponseParser.TryParse(body, out var scrape, out error);
                Assert.True(scraped ^ (error is not null));
                Assert.Equal(announced, scraped);
            });
            Assert.True(allocated <= 8192 + 512L * body.Length, $"{allocated} bytes allocated for a {body.Length}-byte body");
        }
    }

    [Fact]
    public void UdpDecoders_MutatedPackets_NeverThrow_AndRequestsDoNotAllocate()
    {
        var random = new Random(5);
        for (var i = 0; i < Iterations; i++)
        {
            var packet = Mutate(random, Packets[i % Packets.Length]);
            var before = GC.GetAllocatedBytesForCurrentThread();
            UdpRequestHeader.TryRead(packet, out _);
            UdpConnectRequest.TryDecode(packet, out _);
            UdpAnnounceRequest.TryDecode(packet, out _);
            UdpScrapeRequest.TryDecode(packet, out _, out var hashBytes);
            for (var h = 0; h < hashBytes.Length / TrackerHash.Size; h++)
            {
                UdpScrapeRequest.InfoHashAt(hashBytes, h);
            }
            UdpResponseHeader.TryRead(packet, out _);
            UdpConnectResponse.TryDecode(packet, out _);
            UdpAnnounceResponse.TryDecode(packet, out _, out var peers);
            UdpScrapeResponse.TryDecode(packet, out _, out _);
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);

            CompactPeers.Read(peers, ipv6: i % 2 == 0);
            if (UdpScrapeResponse.TryDecode(packet, out _, out var entries))
            {
                Assert.Equal(entries.Length / UdpScrapeStats.Size, UdpScrapeStats.ReadAll(entries).Length);
            }
            UdpErrorResponse.TryDecode(packet, out _);
        }
    }

    [Fact]
    public void UdpDecoders_ArbitraryBytes_NeverThrow() =>
        Gen.Byte.Array[0, 1600].Sample(packet =>
        {
            var header = UdpRequestHeader.TryRead(packet, out var request);
            Assert.Equal(packet.Length >= 16, header);
            if (UdpAnnounceRequest.TryDecode(packet, out var announce))
            {
                Assert.Equal(UdpTrackerAction.Announce, request.Action);
                Assert.InRange((int)announce.Event, 0, 3);
            }
            if (UdpScrapeRequest.TryDecode(packet, out _, out var hashes))
            {
                Assert.InRange(hashes.Length / TrackerHash.Size, 1, UdpScrapeRequest.MaxInfoHashes);
            }
            UdpConnectRequest.TryDecode(packet, out _);
            UdpConnectResponse.TryDecode(packet, out _);
            UdpAnnounceResponse.TryDecode(packet, out _, out _);
            UdpScrapeResponse.TryDecode(packet, out _, out _);
            UdpErrorResponse.TryDecode(packet, out _);
        }, iter: 5_000);

    [Fact]
    public void HttpParsers_ArbitraryText_NeverThrow() =>
        Gen.String[0, 300].Sample(query =>
        {
            Span<TrackerHash> hashes = stackalloc TrackerHash[2];
            var result = HttpAnnounceRequestParser.Parse(query.AsSpan(), 50, 200);
            Assert.Equal(result.IsSuccess, result.FailureReason is null);
            HttpScrapeRequestParser.Parse(query.AsSpan(), hashes, out _);
            HttpAnnounceResponseParser.TryParse(Encoding.UTF8.GetBytes(query), out _, out _);
        }, iter: 5_000);

    private static readonly Gen<TrackerHash> Hash = Gen.Byte.Array[20].Select(b => TrackerHash.FromBytes(b));

    private static readonly Gen<PeerEndpoint?> Address = Gen.OneOf(
        Gen.Const(default(PeerEndpoint?)),
        Gen.UInt.Select(a => (PeerEndpoint?)PeerEndpoint.FromIPv4(a, 0)));

    [Fact]
    public void HttpAnnounce_BuildThenParse_RoundTrips() =>
        Gen.Select(
            Gen.Select(Hash, Hash, Gen.UShort[1, ushort.MaxValue], Gen.Long[0, long.MaxValue], Gen.Long[0, long.MaxValue], Gen.Long[0, long.MaxValue]),
            Gen.Select(Gen.Enum<TrackerEvent>(), Gen.Bool, Gen.Bool, Gen.Int[0, 200], Gen.Byte.Array[0, 128].Null(), Address),
            (a, b) =>
            {
                var (infoHash, peerId, port, uploaded, downloaded, left) = a;
                var (trackerEvent, compact, noPeerId, numWant, key, ip) = b;
                return new HttpAnnounceRequest
                {
                    InfoHash = infoHash,
                    PeerId = peerId,
                    Port = port,
                    Uploaded = uploaded,
                    Downloaded = downloaded,
                    Left = left,
                    Event = trackerEvent,
                    Compact = compact,
                    NoPeerId = noPeerId,
                    NumWant = numWant,
                    Key = key is null ? null : Encoding.Latin1.GetString(key),
                    Ipv4 = ip?.WithPort(port),
                    Ipv6 = ip is null ? null : PeerEndpoint.FromIPv6(infoHash.ToArray().AsSpan(0, 16), (ushort)(numWant + 1)) is { IsIPv6: true } v6 ? v6 : null,
                };
            })
        .Sample(request =>
        {
            var parsed = HttpAnnounceRequestParser.Parse(HttpAnnounceQuery.Build(request).AsSpan(), 50, 200);
            Assert.True(parsed.IsSuccess, parsed.FailureReason);
            Assert.Equal(request, parsed.Request);
        });

    [Fact]
    public void UdpAnnounce_EncodeThenDecode_RoundTrips() =>
        Gen.Select(
            Gen.Select(Gen.Long, Gen.Int, Hash, Hash, Gen.Long[0, long.MaxValue], Gen.Long[0, long.MaxValue]),
            Gen.Select(Gen.Long[0, long.MaxValue], Gen.Enum<TrackerEvent>(), Gen.UInt, Gen.UInt, Gen.Int, Gen.UShort),
            (a, b) => new UdpAnnounceRequest
            {
                ConnectionId = a.Item1,
                TransactionId = a.Item2,
                InfoHash = a.Item3,
                PeerId = a.Item4,
                Downloaded = a.Item5,
                Left = a.Item6,
                Uploaded = b.Item1,
                Event = b.Item2,
                IPv4Address = b.Item3,
                Key = b.Item4,
                NumWant = b.Item5,
                Port = b.Item6,
            })
        .Sample(request =>
        {
            Span<byte> packet = stackalloc byte[UdpAnnounceRequest.Size];
            request.Encode(packet);
            Assert.True(UdpAnnounceRequest.TryDecode(packet, out var decoded));
            Assert.Equal(request, decoded);
        });

    [Fact]
    public void UdpAnnounceResponse_EncodeThenDecode_RoundTrips() =>
        Gen.Select(Gen.Int, Gen.Int, Gen.Int, Gen.Int, Gen.Bool, Gen.Byte.Array[18].Array[0, 50])
        .Sample((transaction, interval, leechers, seeders, ipv6, raw) =>
        {
            var peers = raw.Select(r => ipv6 ? PeerEndpoint.ReadCompactIPv6(r) : PeerEndpoint.ReadCompactIPv4(r)).ToArray();
            var sameFamily = peers.Where(p => p.IsIPv6 == ipv6).ToArray();
            var response = new UdpAnnounceResponse(transaction, interval, leechers, seeders);
            var packet = new byte[UdpAnnounceResponse.SizeFor(sameFamily.Length, ipv6)];

            Assert.Equal(packet.Length, response.Encode(packet, peers, ipv6));
            Assert.True(UdpAnnounceResponse.TryDecode(packet, out var decoded, out var compact));
            Assert.Equal(response, decoded);
            Assert.Equal(sameFamily, CompactPeers.Read(compact, ipv6));
        });
}
