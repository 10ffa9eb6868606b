using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using Swarmgrid.BitTorrent.PeerWire;
using Swarmgrid.BitTorrent.Tracker;

namespace Swarmgrid.BitTorrent.Encryption;

/// <summary>
/// The message stream encryption handshake (MSE/PE, as Vuze and libtorrent speak it): a 768-bit Diffie-Hellman
/// exchange, the info-hash proven by hashes without sending it, then RC4 (keys from the shared secret and the
/// info-hash, first 1 KiB of keystream dropped) or plaintext for the rest. Every length a peer states is bounded,
/// every search for a synchronisation point is bounded, and a failure is a <see cref="PeerProtocolException"/>
/// (or <see cref="EndOfStreamException"/> when the peer hangs up).
/// </summary>
public static class MseHandshake
{
    /// <summary>Bytes of a public key: the 768-bit prime's size.</summary>
    public const int KeySize = 96;

    /// <summary>Most random padding either side may send after its key, and inside the encrypted header.</summary>
    public const int MaxPadding = 512;

    /// <summary>crypto_provide / crypto_select bits.</summary>
    public const uint CryptoPlaintext = 1, CryptoRc4 = 2;

    /// <summary>Longest initial payload accepted (a BitTorrent handshake and a little more).</summary>
    private const int MaxInitialPayload = 4096;

    private static readonly BigInteger Prime = BigInteger.Parse(
        "0FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A63A36210000000000090563",
        NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private static readonly byte[] Vc = new byte[8];

    /// <summary>
    /// Opens an encrypted connection as the side that dialled: sends our key, proves <paramref name="infoHash"/>, offers
    /// what <paramref name="policy"/> allows, and sends <paramref name="initialPayload"/> (our BitTorrent handshake)
    /// inside the handshake. The stream returned carries the rest, decrypted as the peer chose.
    /// </summary>
    public static async Task<Stream> InitiateAsync(Stream stream, TrackerHash infoHash, EncryptionPolicy policy, ReadOnlyMemory<byte> initialPayload,
        CancellationToken cancellationToken)
    {
        if (policy == EncryptionPolicy.Off)
        {
            throw new ArgumentException("Encryption is off.", nameof(policy));
        }
        var (privateKey, publicKey) = NewKeyPair();
        await stream.WriteAsync((byte[])[.. publicKey, .. RandomPadding()], cancellationToken);
        var input = new HandshakeInput(stream);
        var theirKey = await input.ReadAsync(KeySize, cancellationToken);
        var secret = SharedSecret(theirKey, privateKey);
        var skey = new byte[TrackerHash.Size];
        infoHash.CopyTo(skey);
        var encrypt = new Rc4(Hash("keyA"u8, secret, skey));
        var decrypt = new Rc4(Hash("keyB"u8, secret, skey));

        var provide = policy == EncryptionPolicy.Require ? CryptoRc4 : CryptoRc4 | CryptoPlaintext;
        var header = new byte[8 + 4 + 2 + 2 + initialPayload.Length];
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(8), provide);
        // len(PadC) = 0: the keys' padding already hides the handshake's length.
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(14), (ushort)initialPayload.Length);
        initialPayload.Span.CopyTo(header.AsSpan(16));
        encrypt.Apply(header);
        var req2 = Hash("req2"u8, skey);
        var req3 = Hash("req3"u8, secret);
        for (var k = 0; k < req2.Length; k++)
        {
            req2[k] ^= req3[k];
        }
        await stream.WriteAsync((byte[])[.. Hash("req1"u8, secret), .. req2, .. header], cancellationToken);

        // The answer starts after up to 512 bytes of padding with VC, encrypted: the first 8 bytes of B's keystream.
        var marker = (byte[])Vc.Clone();
        decrypt.Apply(marker);
        await input.SkipUntilAsync(marker, MaxPadding + marker.Length, cancellationToken);
        var answer = await input.ReadAsync(6, cancellationToken);
        decrypt.Apply(answer);
        var select = BinaryPrimitives.ReadUInt32BigEndian(answer);
        var padding = BinaryPrimitives.ReadUInt16BigEndian(answer.AsSpan(4));
        if (padding > MaxPadding)
        {
            throw new PeerProtocolException($"the encrypted handshake's padding of {padding} bytes exceeds {MaxPadding}");
        }
        decrypt.Apply(await input.ReadAsync(padding, cancellationToken));
        if (select != CryptoRc4 && !(select == CryptoPlaintext && policy == EncryptionPolicy.Prefer))
        {
            throw new PeerProtocolException($"the peer chose crypto method {select}, which was not offered");
        }
        var rest = input.TakeRemaining();
        if (select == CryptoRc4)
        {
            decrypt.Apply(rest);
            return new MseStream(stream, decrypt, encrypt, rest);
        }
        return new MseStream(stream, null, null, rest);
    }

    /// <summary>
    /// Answers an encrypted handshake as the side that accepted the connection. <paramref name="received"/> are the
    /// bytes already read (the start of the peer's key); <paramref name="infoHashes"/> are the torrents we serve, one of
    /// which the peer must prove it knows. Returns the stream (starting with the peer's initial payload) and the info-hash.
    /// </summary>
    public static async Task<(Stream Stream, TrackerHash InfoHash)> RespondAsync(Stream stream, ReadOnlyMemory<byte> received,
        Func<IEnumerable<TrackerHash>> infoHashes, EncryptionPolicy policy, CancellationToken cancellationToken)
    {
        if (policy == EncryptionPolicy.Off)
        {
            throw new PeerProtocolException("encrypted connections are off");
        }
        var input = new HandshakeInput(stream, received);
        var theirKey = await input.ReadAsync(KeySize, cancellationToken);
        var (privateKey, publicKey) = NewKeyPair();
        await stream.WriteAsync((byte[])[.. publicKey, .. RandomPadding()], cancellationToken);
        var secret = SharedSecret(theirKey, privateKey);

        await input.SkipUntilAsync(Hash("req1"u8, secret), MaxPadding + 20, cancellationToken);
        var proof = await input.ReadAsync(20, cancellationToken);
        var req3 = Hash("req3"u8, secret);
        for (var k = 0; k < proof.Length; k++)
        {
            proof[k] ^= req3[k];
        }
        var skey = new byte[TrackerHash.Size];
        TrackerHash? infoHash = null;
        foreach (var candidate in infoHashes())
        {
            candidate.CopyTo(skey);
            if (CryptographicOperations.FixedTimeEquals(Hash("req2"u8, skey), proof))
            {
                infoHash = candidate;
                break;
            }
        }
        if (infoHash is null)
        {
            throw new PeerProtocolException("the encrypted handshake is for a torrent we do not have");
        }
        var decrypt = new Rc4(Hash("keyA"u8, secret, skey));
        var encrypt = new Rc4(Hash("keyB"u8, secret, skey));

        var header = await input.ReadAsync(14, cancellationToken);
        decrypt.Apply(header);
        if (!header.AsSpan(0, 8).SequenceEqual(Vc))
        {
            throw new PeerProtocolException("the encrypted handshake's verification constant is wrong");
        }
        var provide = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(8));
        var padding = BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(12));
        if (padding > MaxPadding)
        {
            throw new PeerProtocolException($"the encrypted handshake's padding of {padding} bytes exceeds {MaxPadding}");
        }
        decrypt.Apply(await input.ReadAsync(padding, cancellationToken));
        var length = await input.ReadAsync(2, cancellationToken);
        decrypt.Apply(length);
        var payloadLength = BinaryPrimitives.ReadUInt16BigEndian(length);
        if (payloadLength > MaxInitialPayload)
        {
            throw new PeerProtocolException($"an initial payload of {payloadLength} bytes exceeds {MaxInitialPayload}");
        }
        var payload = await input.ReadAsync(payloadLength, cancellationToken);
        decrypt.Apply(payload);

        uint select;
        if ((provide & CryptoRc4) != 0)
        {
            select = CryptoRc4;
        }
        else if ((provide & CryptoPlaintext) != 0 && policy == EncryptionPolicy.Prefer)
        {
            select = CryptoPlaintext;
        }
        else
        {
            throw new PeerProtocolException($"the peer offers crypto methods {provide}, none of which we accept");
        }
        var answer = new byte[8 + 4 + 2];
        BinaryPrimitives.WriteUInt32BigEndian(answer.AsSpan(8), select);
        encrypt.Apply(answer);
        await stream.WriteAsync(answer, cancellationToken);

        var rest = input.TakeRemaining();
        if (select == CryptoRc4)
        {
            decrypt.Apply(rest);
            return (new MseStream(stream, decrypt, encrypt, [.. payload, .. rest]), infoHash.Value);
        }
        return (new MseStream(stream, null, null, [.. payload, .. rest]), infoHash.Value);
    }

    /// <summary>A plaintext connection whose first bytes were already read (to tell it from an encrypted one).</summary>
    public static Stream Plaintext(Stream stream, ReadOnlyMemory<byte> received) => new MseStream(stream, null, null, received.ToArray());

    /// <summary>Whether a connection carries RC4 after the handshake.</summary>
    public static bool IsEncrypted(Stream stream) => stream is MseStream { IsEncrypted: true };

    private static (BigInteger Private, byte[] Public) NewKeyPair()
    {
        // A 160-bit private key, as the specification asks.
        var privateKey = new BigInteger(RandomNumberGenerator.GetBytes(20), isUnsigned: true, isBigEndian: true);
        return (privateKey, ToKeyBytes(BigInteger.ModPow(2, privateKey, Prime)));
    }

    private static byte[] SharedSecret(byte[] theirKey, BigInteger privateKey)
    {
        var y = new BigInteger(theirKey, isUnsigned: true, isBigEndian: true);
        if (y <= 1 || y >= Prime - 1)
        {
            throw new PeerProtocolException("the peer's Diffie-Hellman key is out of range");
        }
        return ToKeyBytes(BigInteger.ModPow(y, privateKey, Prime));
    }

    private static byte[] ToKeyBytes(BigInteger value)
    {
        var bytes = new byte[KeySize];
        var raw = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        raw.CopyTo(bytes, KeySize - raw.Length);
        return bytes;
    }

    private static byte[] RandomPadding() => RandomNumberGenerator.GetBytes(RandomNumberGenerator.GetInt32(0, MaxPadding + 1));

    private static byte[] Hash(ReadOnlySpan<byte> label, ReadOnlySpan<byte> first, ReadOnlySpan<byte> second = default) =>
        SHA1.HashData([.. label, .. first, .. second]);

    /// <summary>Reads the handshake's pieces from the socket, keeping what was read past them for the payload stream.</summary>
    private sealed class HandshakeInput(Stream stream, ReadOnlyMemory<byte> received = default)
    {
        private byte[] buffer = received.ToArray();
        private int start;

        public async Task<byte[]> ReadAsync(int count, CancellationToken cancellationToken)
        {
            await FillAsync(count, cancellationToken);
            var bytes = buffer.AsSpan(start, count).ToArray();
            start += count;
            return bytes;
        }

        /// <summary>Skips bytes until just past <paramref name="marker"/>, which must end within <paramref name="limit"/> bytes.</summary>
        public async Task SkipUntilAsync(byte[] marker, int limit, CancellationToken cancellationToken)
        {
            for (var searched = marker.Length; searched <= limit; searched++)
            {
                await FillAsync(searched, cancellationToken);
                if (buffer.AsSpan(start + searched - marker.Length, marker.Length).SequenceEqual(marker))
                {
                    start += searched;
                    return;
                }
            }
            throw new PeerProtocolException("no encrypted handshake within the allowed padding");
        }

        public byte[] TakeRemaining()
        {
            var rest = buffer.AsSpan(start).ToArray();
            buffer = [];
            start = 0;
            return rest;
        }

        private async Task FillAsync(int count, CancellationToken cancellationToken)
        {
            var have = buffer.Length - start;
            if (have >= count)
            {
                return;
            }
            var grown = new byte[Math.Max(count, 1024)];
            buffer.AsSpan(start).CopyTo(grown);
            buffer = grown;
            start = 0;
            var end = have;
            while (end < count)
            {
                var read = await stream.ReadAsync(buffer.AsMemory(end), cancellationToken);
                if (read == 0)
                {
                    throw new EndOfStreamException("the peer closed the connection during the encrypted handshake");
                }
                end += read;
            }
            Array.Resize(ref buffer, end);
        }
    }
}
