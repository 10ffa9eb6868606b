using System.Security.Cryptography;
using System.Text;

namespace Swarmgrid.Silo.Tracker;

/// <summary>
/// Signed passkeys <c>{user_id}.{signature}</c>: the signature is HMAC-SHA256 of the user id under
/// <c>Tracker:Secret</c> (env <c>TRACKER_SECRET</c>), as 64 hex digits. Passkeys are required when a secret is set.
/// </summary>
public sealed class PasskeyVerifier(IConfiguration configuration)
{
    private readonly byte[]? secret =
        (configuration["Tracker:Secret"] is { Length: > 0 } configured ? configured : configuration["TRACKER_SECRET"]) is { Length: > 0 } text
            ? Encoding.UTF8.GetBytes(text)
            : null;

    public bool Required => secret is not null;

    public static string Sign(string userId, string secret) =>
        userId + "." + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(userId)));

    /// <summary>The user id of a valid passkey, or null with the failure reason for the client.</summary>
    public string? Verify(string? passkey, out string? failure)
    {
        failure = null;
        if (secret is null)
        {
            return null;
        }
        if (string.IsNullOrEmpty(passkey))
        {
            failure = "passkey required: announce to /announce/{passkey}";
            return null;
        }

        var dot = passkey.LastIndexOf('.');
        Span<byte> presented = stackalloc byte[32];
        if (dot <= 0 || passkey.Length - dot - 1 != 64
            || Convert.FromHexString(passkey.AsSpan(dot + 1), presented, out _, out var written) != System.Buffers.OperationStatus.Done
            || written != 32)
        {
            failure = "invalid passkey";
            return null;
        }
        var userId = passkey[..dot];
        Span<byte> expected = stackalloc byte[32];
        HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(userId), expected);
        if (!CryptographicOperations.FixedTimeEquals(presented, expected))
        {
            failure = "invalid passkey";
            return null;
        }
        return userId;
    }
}
