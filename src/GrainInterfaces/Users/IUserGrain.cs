namespace Swarmgrid.GrainInterfaces.Users;

/// <summary>
/// One user, keyed by user id: account, credentials (hashed), sessions, refresh-token families, API keys, TOTP,
/// and the tracker totals credited from the user's passkey announces. It writes the users, sessions and API keys
/// read models for its own rows.
/// </summary>
public interface IUserGrain : IGrainWithStringKey
{
    ValueTask<UserWriteStatus> CreateAsync(UserChanges account);

    ValueTask<UserAccount?> GetAsync();

    /// <summary>Changes the given fields; a new password hash or a disabled account revokes every session and token.</summary>
    ValueTask<UserWriteStatus> UpdateAsync(UserChanges changes);

    ValueTask<UserWriteStatus> DeleteAsync();

    ValueTask<IssuedSecret> StartSessionAsync(string kind, TimeSpan lifetime, string? ip, string? userAgent);

    ValueTask<SessionCheck> CheckSessionAsync(string sessionId, string secret);

    ValueTask<bool> EndSessionAsync(string sessionId);

    ValueTask EndAllSessionsAsync();

    /// <summary>Starts a refresh-token family; the secret is returned once.</summary>
    ValueTask<IssuedSecret> IssueRefreshTokenAsync(TimeSpan lifetime);

    /// <summary>Swaps a family's current secret for a new one; presenting an old secret revokes the whole family.</summary>
    ValueTask<IssuedSecret?> RotateRefreshTokenAsync(string familyId, string secret, TimeSpan lifetime);

    ValueTask RevokeRefreshTokenAsync(string familyId);

    /// <summary>A new API key: <paramref name="keyPrefix"/> followed by 32 random bytes in base64url.</summary>
    ValueTask<IssuedSecret> CreateApiKeyAsync(string name, string keyPrefix);

    ValueTask<bool> RevokeApiKeyAsync(string keyId);

    /// <summary>Keeps an encrypted TOTP secret awaiting confirmation.</summary>
    ValueTask BeginTotpAsync(string protectedSecret);

    ValueTask<string?> GetTotpSecretAsync(bool pending);

    /// <summary>Turns TOTP on and stores the hashes of new single-use recovery codes.</summary>
    ValueTask<bool> ConfirmTotpAsync(IReadOnlyList<string> recoveryCodeHashes);

    ValueTask DisableTotpAsync();

    /// <summary>Spends a recovery code (by hash); false when it is unknown or already used.</summary>
    ValueTask<bool> UseRecoveryCodeAsync(string recoveryCodeHash);

    ValueTask AddTrackerTrafficAsync(long uploaded, long downloaded);

    ValueTask<UserTraffic> GetTrackerTrafficAsync();
}

[GenerateSerializer, Immutable, Alias("Swarmgrid.UserTraffic")]
public sealed record UserTraffic(
    [property: Id(0)] string UserId,
    [property: Id(1)] long Uploaded,
    [property: Id(2)] long Downloaded);
