using System.Security.Cryptography;
using System.Text;

namespace Swarmgrid.Data.Identity;

/// <summary>
/// Hashes of high-entropy secrets (session tokens, refresh tokens, API keys, recovery codes). They are random
/// 32-byte values, so a fast hash is enough; passwords use Argon2id instead.
/// </summary>
public static class SecretHash
{
    public static string Of(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static bool Matches(string secret, string hash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Of(secret)), Encoding.ASCII.GetBytes(hash));

    /// <summary>32 random bytes as URL-safe base64 without padding.</summary>
    public static string NewSecret() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string NewId(string prefix) => prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    public static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
