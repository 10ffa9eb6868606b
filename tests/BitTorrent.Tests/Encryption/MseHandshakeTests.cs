using System.Security.Cryptography;
using CsCheck;
using Swarmgrid.BitTorrent.Encryption;
using Swarmgrid.BitTorrent.PeerWire;
using Swarmgrid.BitTorrent.Tracker;

namespace Swarmgrid.BitTorrent.Tests.Encryption;

/// <summary>
/// The MSE handshake between our two sides over an in-memory pipe: what each policy agrees on, payload both ways,
/// refusals, and handshakes cut at every byte or fed garbage, which must end in a clean failure, never a hang.
/// </summary>
public sealed class MseHandshakeTests
{
    private static readonly TrackerHash InfoHash = TrackerHash.FromBytes(Enumerable.Range(1, 20).Select(i => (byte)i).ToArray());
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(EncryptionPolicy.Prefer, EncryptionPolicy.Prefer, true)]
    [InlineData(EncryptionPolicy.Require, EncryptionPolicy.Prefer, true)]
    [InlineData(EncryptionPolicy.Prefer, EncryptionPolicy.Require, true)]
    [InlineData(EncryptionPolicy.Require, EncryptionPolicy.Require, true)]
    public async Task Both_sides_agree_and_carry_the_initial_payload_and_the_stream_both_ways(EncryptionPolicy initiator, EncryptionPolicy responder,
        bool rc4)
    {
        var pipe = new DuplexPipe();
        var payload = RandomNumberGenerator.GetBytes(68);
        var (a, (b, hash)) = await RunAsync(pipe, initiator, responder, payload, [TrackerHash.FromBytes(new byte[20]), InfoHash]);

        Assert.Equal(InfoHash, hash);
        Assert.Equal(rc4, MseHandshake.IsEncrypted(a));
        Assert.Equal(rc4, MseHandshake.IsEncrypted(b));
        Assert.Equal(payload, await ReadAsync(b, payload.Length));
        var toB = RandomNumberGenerator.GetBytes(100_000);
        var toA = RandomNumberGenerator.GetBytes(70_000);
        await a.WriteAsync(toB);
        await b.WriteAsync(toA);
        Assert.Equal(toB, await ReadAsync(b, toB.Length));
        Assert.Equal(toA, await ReadAsync(a, toA.Length));
    }

    [Fact]
    public async Task Encrypted_payload_bytes_differ_from_the_plaintext_on_the_wire()
    {
        var wire = new MemoryStream();
        var pipe = new DuplexPipe(recordAtoB: wire);
        var payload = Enumerable.Repeat((byte)'x', 4096).ToArray();
        var (a, (b, _)) = await RunAsync(pipe, EncryptionPolicy.Require, EncryptionPolicy.Require, payload[..68], [InfoHash]);
        await a.WriteAsync(payload);
        Assert.Equal(payload[..68], await ReadAsync(b, 68));
        Assert.Equal(payload, await ReadAsync(b, payload.Length));
        lock (wire)
        {
            Assert.DoesNotContain("xxxxxxxx", System.Text.Encoding.Latin1.GetString(wire.ToArray()));
        }
    }

    [Fact]
    public async Task A_handshake_for_a_torrent_we_do_not_have_is_refused()
    {
        var pipe = new DuplexPipe();
        var error = await Assert.ThrowsAsync<PeerProtocolException>(() =>
            RunAsync(pipe, EncryptionPolicy.Prefer, EncryptionPolicy.Prefer, [], [TrackerHash.FromBytes(new byte[20])]));
        Assert.Contains("do not have", error.Message);
    }

    [Fact]
    public async Task A_responder_with_encryption_off_refuses()
    {
        var pipe = new DuplexPipe();
        await Assert.ThrowsAsync<PeerProtocolException>(() => MseHandshake.RespondAsync(pipe.B, default, () => [InfoHash], EncryptionPolicy.Off,
            CancellationToken.None));
    }

    /// <summary>Initiator: key 96 + padding ≤ 512 + req1 20 + req2^req3 20 + header 16 + payload 68; responder: key 96 + padding ≤ 512 + 14.</summary>
    [Fact]
    public async Task A_handshake_cut_at_any_byte_in_either_direction_fails_cleanly_on_both_sides()
    {
        const int longest = 96 + 512 + 20 + 20 + 16 + 68;
        for (var cut = 0; cut <= longest; cut += 1)
        {
            await CutAsync(new DuplexPipe(cutAtoB: cut), cut);
            if (cut <= 96 + 512 + 14)
            {
                await CutAsync(new DuplexPipe(cutBtoA: cut), cut);
            }
        }
    }

    [Fact]
    public async Task Garbage_instead_of_a_handshake_fails_cleanly() =>
        await Gen.Byte.Array[0, 1200].SampleAsync(async garbage =>
        {
            var pipe = new DuplexPipe();
            await pipe.A.WriteAsync(garbage);
            pipe.A.Dispose();
            using var timeout = new CancellationTokenSource(Bound);
            var error = await Record.ExceptionAsync(() => MseHandshake.RespondAsync(pipe.B, default, () => [InfoHash], EncryptionPolicy.Prefer, timeout.Token));
            Assert.True(error is PeerProtocolException or EndOfStreamException, error?.ToString());
        }, iter: 200);

    [Fact]
    public async Task A_responder_answers_garbage_keys_at_most_with_its_own_key_and_padding()
    {
        var pipe = new DuplexPipe();
        await pipe.A.WriteAsync(new byte[96]);
        var error = await Record.ExceptionAsync(() => MseHandshake.RespondAsync(pipe.B, default, () => [InfoHash], EncryptionPolicy.Prefer,
            CancellationToken.None));
        Assert.IsType<PeerProtocolException>(error);
        Assert.Contains("out of range", error!.Message);
    }

    private static async Task CutAsync(DuplexPipe pipe, int cut)
    {
        using var timeout = new CancellationTokenSource(Bound);
        var initiating = Task.Run(async () =>
        {
            try
            {
                return await MseHandshake.InitiateAsync(pipe.A, InfoHash, EncryptionPolicy.Prefer, new byte[68], timeout.Token);
            }
            finally
            {
                // A side that ends, well or not, hangs up its direction, as a socket closing would.
                pipe.A.Dispose();
            }
        });
        var responding = Task.Run(async () =>
        {
            try
            {
                return (await MseHandshake.RespondAsync(pipe.B, default, () => [InfoHash], EncryptionPolicy.Prefer, timeout.Token)).Stream;
            }
            finally
            {
                pipe.B.Dispose();
            }
        });
        foreach (var side in new Task<Stream>[] { initiating, responding })
        {
            var error = await Record.ExceptionAsync(() => side);
            Assert.False(timeout.IsCancellationRequested, $"a side hung with the handshake cut at byte {cut}");
            Assert.True(error is null or PeerProtocolException or EndOfStreamException, $"cut at {cut}: {error}");
        }
    }

    private static async Task<(Stream A, (Stream Stream, TrackerHash InfoHash) B)> RunAsync(DuplexPipe pipe, EncryptionPolicy initiator,
        EncryptionPolicy responder, byte[] payload, TrackerHash[] served)
    {
        using var timeout = new CancellationTokenSource(Bound);
        var a = MseHandshake.InitiateAsync(pipe.A, InfoHash, initiator, payload, timeout.Token);
        var b = MseHandshake.RespondAsync(pipe.B, default, () => served, responder, timeout.Token);
        var failed = await Task.WhenAny(a, b);
        if (failed.IsFaulted)
        {
            await failed;
        }
        return (await a, await b);
    }

    private static async Task<byte[]> ReadAsync(Stream stream, int count)
    {
        var bytes = new byte[count];
        using var timeout = new CancellationTokenSource(Bound);
        await stream.ReadExactlyAsync(bytes, timeout.Token);
        return bytes;
    }
}
