using System.Net;
using System.Security.Cryptography;

namespace Swarmgrid.BitTorrent.Dht;

/// <summary>
/// get_peers tokens (BEP 5): an 8-byte keyed hash of the asker's address under a secret that changes every five
/// minutes; a token is good for the current and the previous secret, so for five to ten minutes, and only from
/// the address it was given to. Not thread-safe.
/// </summary>
internal sealed class DhtTokens(TimeProvider time)
{
    public const int Size = 8;

    private static readonly TimeSpan Rotation = TimeSpan.FromMinutes(5);

    private byte[] current = RandomNumberGenerator.GetBytes(16);
    private byte[] previous = RandomNumberGenerator.GetBytes(16);
    private long rotatedAt = time.GetTimestamp();

    public byte[] For(IPAddress address)
    {
        Rotate();
        return Compute(current, address);
    }

    public bool IsValid(ReadOnlySpan<byte> token, IPAddress address)
    {
        Rotate();
        return token.Length == Size
            && (CryptographicOperations.FixedTimeEquals(token, Compute(current, address)) || CryptographicOperations.FixedTimeEquals(token, Compute(previous, address)));
    }

    private void Rotate()
    {
        if (time.GetElapsedTime(rotatedAt) >= Rotation)
        {
            previous = current;
            current = RandomNumberGenerator.GetBytes(16);
            rotatedAt = time.GetTimestamp();
        }
    }

    private static byte[] Compute(byte[] secret, IPAddress address)
    {
        var normalized = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return HMACSHA256.HashData(secret, normalized.GetAddressBytes())[..Size];
    }
}
