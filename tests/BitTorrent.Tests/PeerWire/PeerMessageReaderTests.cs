using CsCheck;
using Swarmgrid.BitTorrent.PeerWire;
using Swarmgrid.BitTorrent.Tracker;

namespace Swarmgrid.BitTorrent.Tests.PeerWire;

public sealed class PeerMessageReaderTests
{
    [Fact]
    public async Task Reads_a_handshake_then_messages_split_across_reads()
    {
        var handshake = new byte[Handshake.Size];
        new Handshake(Handshake.ExtensionProtocolBit, TrackerHash.FromBytes(new byte[20]), TrackerHash.FromBytes(new byte[20])).Encode(handshake);
        var stream = new TrickleStream([.. handshake, .. Convert.FromHexString("00000000" + "0000000504000000ff" + "0000000c0700000002000000106162630000000101")]);
        var reader = new PeerMessageReader(stream);

        Assert.True((await reader.ReadHandshakeAsync()).SupportsExtensionProtocol);
        Assert.Equal(PeerMessageId.KeepAlive, (await reader.ReadAsync())!.Value.Id);
        Assert.Equal(255, (await reader.ReadAsync())!.Value.PieceIndex);
        var piece = (await reader.ReadAsync())!.Value;
        Assert.Equal("abc"u8.ToArray(), piece.Payload.ToArray());
        Assert.Equal(PeerMessageId.Unchoke, (await reader.ReadAsync())!.Value.Id);
        Assert.Null(await reader.ReadAsync());
    }

    [Fact]
    public async Task Refuses_a_message_longer_than_the_maximum()
    {
        var reader = new PeerMessageReader(new MemoryStream(Convert.FromHexString("0000100107")), maxMessageLength: 4096);
        var error = await Assert.ThrowsAsync<PeerProtocolException>(async () => await reader.ReadAsync());
        Assert.Contains("4097", error.Message);
    }

    [Fact]
    public async Task Reports_a_stream_cut_mid_message()
    {
        var reader = new PeerMessageReader(new MemoryStream(Convert.FromHexString("0000000d06000000")));
        await Assert.ThrowsAsync<EndOfStreamException>(async () => await reader.ReadAsync());
    }

    [Fact]
    public void Random_streams_end_in_messages_or_documented_exceptions_only() =>
        Gen.Byte.Array[0, 200].Sample(bytes =>
        {
            var reader = new PeerMessageReader(new MemoryStream(bytes), maxMessageLength: 64);
            try
            {
                while (reader.ReadAsync().AsTask().GetAwaiter().GetResult() is not null)
                {
                }
            }
            catch (Exception ex) when (ex is PeerProtocolException or EndOfStreamException)
            {
            }
        }, iter: 20_000);

    /// <summary>Hands out at most three bytes per read, as a slow network might.</summary>
    private sealed class TrickleStream(byte[] data) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(3, buffer.Length)], cancellationToken);
    }
}
