using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Swarmgrid.BitTorrent.Tracker.Udp;

/// <summary>
/// Issues and checks BEP 15 connection ids without storing them: an id is SipHash-2-4, keyed with a 128-bit secret,
/// of the client's address, port and the current time window. Without the secret an id cannot be forged for another
/// address (a 64-bit guess), which is what stops spoofed-source announces and amplification.
/// </summary>
/// <remarks>
/// <para>Time is cut into windows of <see cref="WindowSeconds"/> (60) seconds of Unix time. An id issued at time t, in
/// window w = ⌊t / 60⌋, is accepted while the current window is w or w + 1, that is until 60·(w + 2). Its lifetime is
/// therefore 120 − (t mod 60) seconds: more than 60 and at most 120. BEP 15 lets a client use an id for one minute and
/// a server accept it for two; this meets both. An id from a future window (the clock went back) is refused.</para>
/// <para>Issuing and checking allocate nothing and hash at most twice. Thread-safe.</para>
/// </remarks>
public sealed class UdpConnectionIds
{
    /// <summary>The length of a time window in seconds.</summary>
    public const int WindowSeconds = 60;

    /// <summary>Bytes in a secret.</summary>
    public const int SecretSize = 16;

    private readonly TimeProvider timeProvider;
    private readonly ulong key0;
    private readonly ulong key1;

    /// <summary>Creates an issuer with a fresh random secret; ids do not survive a restart.</summary>
    public UdpConnectionIds(TimeProvider timeProvider)
        : this(timeProvider, RandomNumberGenerator.GetBytes(SecretSize))
    {
    }

    /// <summary>Creates an issuer with a given secret, e.g. shared by the hosts behind one tracker address.</summary>
    /// <exception cref="ArgumentException">The secret is not <see cref="SecretSize"/> bytes.</exception>
    public UdpConnectionIds(TimeProvider timeProvider, ReadOnlySpan<byte> secret)
    {
        if (secret.Length != SecretSize)
        {
            throw new ArgumentException($"The secret is {SecretSize} bytes, not {secret.Length}.", nameof(secret));
        }
        this.timeProvider = timeProvider;
        key0 = BinaryPrimitives.ReadUInt64LittleEndian(secret);
        key1 = BinaryPrimitives.ReadUInt64LittleEndian(secret[8..]);
    }

    /// <summary>A connection id for <paramref name="client"/> (the datagram's source address and port), valid now.</summary>
    public long Issue(in PeerEndpoint client) => Compute(client, CurrentWindow());

    /// <summary>Whether <paramref name="connectionId"/> was issued to <paramref name="client"/> in this window or the previous one.</summary>
    public bool IsValid(long connectionId, in PeerEndpoint client)
    {
        var window = CurrentWindow();
        return connectionId == Compute(client, window) || connectionId == Compute(client, window - 1);
    }

    private long CurrentWindow() => Math.DivRem(timeProvider.GetUtcNow().ToUnixTimeSeconds(), WindowSeconds, out var rest) - (rest < 0 ? 1 : 0);

    private long Compute(in PeerEndpoint client, long window)
    {
        Span<byte> message = stackalloc byte[27];
        var (high, low) = client.AddressWords;
        BinaryPrimitives.WriteInt64LittleEndian(message, window);
        BinaryPrimitives.WriteUInt64LittleEndian(message[8..], high);
        BinaryPrimitives.WriteUInt64LittleEndian(message[16..], low);
        BinaryPrimitives.WriteUInt16LittleEndian(message[24..], client.Port);
        message[26] = client.IsIPv6 ? (byte)6 : (byte)4;
        return (long)SipHash24.Hash(key0, key1, message);
    }
}
