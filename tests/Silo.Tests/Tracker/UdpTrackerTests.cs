using System.Buffers.Binary;
using System.Text;
using Swarmgrid.BitTorrent.Tracker;
using Swarmgrid.BitTorrent.Tracker.Udp;

namespace Swarmgrid.Silo.Tests.Tracker;

[Collection(TrackerSiloCollection.Name)]
public sealed class UdpTrackerTests(TrackerSiloFixture fixture)
{
    [Fact]
    public async Task ConnectThenAnnounce_ReturnsTheOtherPeersAndCounts()
    {
        using var client = new UdpTrackerClient(fixture.UdpPort);
        var connection = await client.ConnectAsync();
        var hash = AnnounceUrl.RandomHash();
        await client.ExchangeAsync(UdpTrackerClient.AnnouncePacket(connection, hash, 1, 8001, left: 0));

        var answer = await client.ExchangeAsync(UdpTrackerClient.AnnouncePacket(connection, hash, 2, 8002, left: 10, transactionId: 99));

        Assert.True(UdpAnnounceResponse.TryDecode(answer, out var response, out var peers));
        Assert.Equal((99, 1800, 1, 1), (response.TransactionId, response.Interval, response.Leechers, response.Seeders));
        Assert.Equal(new byte[] { 127, 0, 0, 1, 8001 >> 8, 8001 & 0xff }, peers.ToArray());
    }

    [Fact]
    public async Task Announce_WithAForgedConnectionId_GetsAnError()
    {
        using var client = new UdpTrackerClient(fixture.UdpPort);

        var answer = await client.ExchangeAsync(UdpTrackerClient.AnnouncePacket(0x1234_5678_9abc, AnnounceUrl.RandomHash(), 1, 8101, 0, transactionId: 5));

        Assert.True(UdpErrorResponse.TryDecode(answer, out var error));
        Assert.Equal((5, "invalid or expired connection id"), (error.TransactionId, error.Message));
    }

    [Fact]
    public async Task Scrape_ReturnsSeedersCompletedAndLeechers()
    {
        using var client = new UdpTrackerClient(fixture.UdpPort);
        var connection = await client.ConnectAsync();
        var hash = AnnounceUrl.RandomHash();
        await client.ExchangeAsync(UdpTrackerClient.AnnouncePacket(connection, hash, 1, 8201, left: 0, announceEvent: TrackerEvent.Completed));
        await client.ExchangeAsync(UdpTrackerClient.AnnouncePacket(connection, hash, 2, 8202, left: 5));

        var request = new byte[UdpScrapeRequest.SizeFor(1)];
        new UdpScrapeRequest(connection, 3).Encode(request, [TrackerHash.FromBytes(hash)]);
        var answer = await client.ExchangeAsync(request);

        Assert.True(UdpScrapeResponse.TryDecode(answer, out var response, out var entries));
        Assert.Equal(3, response.TransactionId);
        Assert.Equal(new UdpScrapeStats(1, 1, 1), Assert.Single(UdpScrapeStats.ReadAll(entries)));
    }

    [Fact]
    public async Task JunkPackets_GetAnErrorOrNothing_AndTheTrackerKeepsServing()
    {
        using var client = new UdpTrackerClient(fixture.UdpPort);
        var random = new Random(5);
        for (var length = 0; length <= 120; length += 7)
        {
            var junk = new byte[length];
            random.NextBytes(junk);
            var answer = await client.ExchangeAsync(junk, TimeSpan.FromMilliseconds(300));
            if (length < 16)
            {
                Assert.Null(answer);
            }
            else
            {
                Assert.True(UdpErrorResponse.TryDecode(answer, out var error), $"length {length}: {(answer is null ? "no answer" : Convert.ToHexString(answer))} for {Convert.ToHexString(junk)}");
                Assert.Equal(BinaryPrimitives.ReadInt32BigEndian(junk.AsSpan(12)), error.TransactionId);
            }
        }

        var wrongProtocol = new byte[16];
        BinaryPrimitives.WriteInt64BigEndian(wrongProtocol, 0x41727101981);
        Assert.True(UdpErrorResponse.TryDecode(await client.ExchangeAsync(wrongProtocol), out var protocolError));
        Assert.Equal("wrong protocol id", protocolError.Message);

        var connection = await client.ConnectAsync();
        var truncated = UdpTrackerClient.AnnouncePacket(connection, AnnounceUrl.RandomHash(), 1, 8301, 0)[..60];
        Assert.True(UdpErrorResponse.TryDecode(await client.ExchangeAsync(truncated), out var truncatedError));
        Assert.Equal("malformed announce", truncatedError.Message);
        Assert.NotEqual(0, await client.ConnectAsync());
    }
}
