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

    /// <summary>Whether an access token of the login <paramref name="familyId"/> (its <c>sid</c>) still stands.</summary>
    ValueTask<SessionCheck> CheckTokenSessionAsync(string familyId);

    /// <summary>Ends a cookie session and the refresh-token family started with it.</summary>
    ValueTask<bool> EndSessionAsync(string sessionId);

    ValueTask EndAllSessionsAsync();

    /// <summary>
    /// Starts a refresh-token family, tied to the cookie session <paramref name="sessionId"/> of the same login when
    /// there is one; the secret is returned once. Access tokens carry the family id as <c>sid</c>.
    /// </summary>
    ValueTask<IssuedSecret> IssueRefreshTokenAsync(TimeSpan lifetime, string? sessionId = null);

    /// <summary>Swaps a family's current secret for a new one; presenting an old secret revokes the whole family.</summary>
    ValueTask<IssuedSecret?> RotateRefreshTokenAsync(string familyId, string secret, TimeSpan lifetime);

    /// <summary>Ends a refresh-token family (so its access tokens stop working) and its cookie session.</summary>
    ValueTask RevokeRefreshTokenAsync(string familyId);

    /// <summary>A new API key: <paramref name="keyPrefix"/> followed by 32 random bytes in base64url.</summary>
    ValueTask<IssuedSecret> CreateApiKeyAsync(string name, string keyPrefix);

    ValueTask<bool> RevokeApiKeyAsync(string keyId);

    /// <summary>Opens a single-use MFA challenge for a login that passed its password; returns the challenge id.</summary>
    ValueTask<string> OpenMfaChallengeAsync(TimeSpan lifetime);

    /// <summary>
    /// Answers an MFA challenge with the time step a TOTP code matched (null when it matched none) or the hash of a
    /// recovery code. A step at or before the last accepted one is a replay. Five failures kill the challenge; ten
    /// within 15 minutes lock MFA logins of the account for 15 minutes.
    /// </summary>
    ValueTask<MfaOutcome> AnswerMfaChallengeAsync(string challengeId, long? totpStep, string? recoveryCodeHash);

    /// <summary>Spends a TOTP time step outside a login (enrolment, disabling); false when it is not newer than the last.</summary>
    ValueTask<bool> UseTotpStepAsync(long step);

    /// <summary>Keeps an encrypted TOTP secret awaiting confirmation.</summary>
    ValueTask BeginTotpAsync(string protectedSecret);

    ValueTask<string?> GetTotpSecretAsync(bool pending);

    /// <summary>Turns TOTP on and stores the hashes of new single-use recovery codes.</summary>
    ValueTask<bool> ConfirmTotpAsync(IReadOnlyList<string> recoveryCodeHashes);

    ValueTask DisableTotpAsync();

    ValueTask AddTrackerTrafficAsync(long uploaded, long downloaded);

    ValueTask<UserTraffic> GetTrackerTrafficAsync();
}

public enum MfaOutcome
{
    Passed,
    Failed,

    /// <summary>The challenge is unknown, expired, already answered, or died of too many failures.</summary>
    ChallengeDead,

    /// <summary>Too many failures on this account lately: MFA logins wait.</summary>
    Locked,
}

[GenerateSerializer, Immutable, Alias("Swarmgrid.UserTraffic")]
public sealed record UserTraffic(
    [property: Id(0)] string UserId,
    [property: Id(1)] long Uploaded,
    [property: Id(2)] long Downloaded);
