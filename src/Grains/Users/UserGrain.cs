using System.Data.Common;
using Swarmgrid.Data.Identity;
using Swarmgrid.GrainInterfaces;
using Swarmgrid.GrainInterfaces.Users;

namespace Swarmgrid.Grains.Users;

public sealed class UserGrain(
    [PersistentState("user", StorageNames.Main)] IPersistentState<UserState> state,
    IdentityStore store,
    TimeProvider clock) : Grain, IUserGrain
{
    private const int FailuresPerChallenge = 5;
    private const int FailuresPerAccount = 10;
    private static readonly TimeSpan FailureWindow = TimeSpan.FromMinutes(15);

    private UserState User => state.State;

    private string Id => this.GetPrimaryKeyString();

    public async ValueTask<UserWriteStatus> CreateAsync(UserChanges account)
    {
        if (User.Exists)
        {
            return UserWriteStatus.AlreadyExists;
        }
        User.Username = account.Username ?? throw new ArgumentException("a new user needs a username");
        User.Email = account.Email ?? throw new ArgumentException("a new user needs an email");
        User.FullName = account.FullName;
        User.Role = account.Role ?? Role.Viewer;
        User.PasswordHash = account.PasswordHash ?? throw new ArgumentException("a new user needs a password");
        User.Disabled = account.Disabled ?? false;
        User.CreatedAt = clock.GetUtcNow();
        if (!await WriteUserRowAsync())
        {
            state.State = new UserState { TrackerUploaded = User.TrackerUploaded, TrackerDownloaded = User.TrackerDownloaded };
            return UserWriteStatus.NameOrEmailTaken;
        }
        User.Exists = true;
        await state.WriteStateAsync();
        return UserWriteStatus.Done;
    }

    public ValueTask<UserAccount?> GetAsync() => ValueTask.FromResult(User.Exists
        ? new UserAccount(Id, User.Username, User.Email, User.FullName, User.Role, User.Disabled, User.MfaEnabled, User.PasswordHash, User.CreatedAt)
        : null);

    public async ValueTask<UserWriteStatus> UpdateAsync(UserChanges changes)
    {
        if (!User.Exists)
        {
            return UserWriteStatus.NotFound;
        }
        var previous = (User.Username, User.Email, User.FullName, User.Role, User.Disabled);
        User.Username = changes.Username ?? User.Username;
        User.Email = changes.Email ?? User.Email;
        User.FullName = changes.FullName ?? User.FullName;
        User.Role = changes.Role ?? User.Role;
        User.Disabled = changes.Disabled ?? User.Disabled;
        if (!await WriteUserRowAsync())
        {
            (User.Username, User.Email, User.FullName, User.Role, User.Disabled) = previous;
            return UserWriteStatus.NameOrEmailTaken;
        }
        if (changes.PasswordHash is { } hash)
        {
            User.PasswordHash = hash;
        }
        if (changes.PasswordHash is not null || changes.Disabled == true || (changes.Username is not null && changes.Username != previous.Username))
        {
            await RevokeEverythingAsync();
        }
        await state.WriteStateAsync();
        return UserWriteStatus.Done;
    }

    public async ValueTask<UserWriteStatus> DeleteAsync()
    {
        if (!User.Exists)
        {
            return UserWriteStatus.NotFound;
        }
        await RevokeEverythingAsync();
        foreach (var keyId in User.ApiKeys.Keys.ToList())
        {
            await RevokeApiKeyAsync(keyId);
        }
        await store.DeleteUserAsync(Id);
        await state.ClearStateAsync();
        return UserWriteStatus.Done;
    }

    public async ValueTask<IssuedSecret> StartSessionAsync(string kind, TimeSpan lifetime, string? ip, string? userAgent)
    {
        var now = clock.GetUtcNow();
        var id = SecretHash.NewId("ses_");
        var secret = SecretHash.NewSecret();
        User.Sessions[id] = new StoredSecret { Hash = SecretHash.Of(secret), ExpiresAt = now + lifetime, Kind = kind };
        DropExpired(User.Sessions, now);
        await state.WriteStateAsync();
        await store.WriteSessionAsync(new SessionRecord
        {
            Id = id, UserId = Id, Kind = kind, Ip = ip, UserAgent = userAgent, CreatedAt = now, ExpiresAt = now + lifetime,
        });
        return new IssuedSecret(id, secret);
    }

    public ValueTask<SessionCheck> CheckSessionAsync(string sessionId, string secret)
    {
        var valid = User.Exists && !User.Disabled
            && User.Sessions.TryGetValue(sessionId, out var session)
            && session.ExpiresAt > clock.GetUtcNow()
            && SecretHash.Matches(secret, session.Hash);
        return ValueTask.FromResult(new SessionCheck(valid, User.Role, User.Username));
    }

    public ValueTask<SessionCheck> CheckTokenSessionAsync(string familyId)
    {
        var valid = User.Exists && !User.Disabled
            && User.RefreshFamilies.TryGetValue(familyId, out var family)
            && family.ExpiresAt > clock.GetUtcNow();
        return ValueTask.FromResult(new SessionCheck(valid, User.Role, User.Username));
    }

    public async ValueTask<bool> EndSessionAsync(string sessionId)
    {
        if (!User.Sessions.Remove(sessionId, out var session))
        {
            return false;
        }
        if (session.Link is { } family)
        {
            User.RefreshFamilies.Remove(family);
        }
        await state.WriteStateAsync();
        await MarkSessionRevokedAsync(sessionId);
        return true;
    }

    public async ValueTask EndAllSessionsAsync()
    {
        await RevokeEverythingAsync();
        await state.WriteStateAsync();
    }

    public async ValueTask<IssuedSecret> IssueRefreshTokenAsync(TimeSpan lifetime, string? sessionId = null)
    {
        var family = SecretHash.NewId("rtf_");
        var secret = SecretHash.NewSecret();
        var now = clock.GetUtcNow();
        var session = sessionId is not null && User.Sessions.TryGetValue(sessionId, out var found) ? found : null;
        if (session is not null)
        {
            session.Link = family;
        }
        User.RefreshFamilies[family] = new StoredSecret
        {
            Hash = SecretHash.Of(secret), ExpiresAt = now + lifetime, Kind = "refresh", Link = session is null ? null : sessionId,
        };
        DropExpired(User.RefreshFamilies, now);
        await state.WriteStateAsync();
        return new IssuedSecret(family, secret);
    }

    public async ValueTask<IssuedSecret?> RotateRefreshTokenAsync(string familyId, string secret, TimeSpan lifetime)
    {
        if (!User.Exists || User.Disabled || !User.RefreshFamilies.TryGetValue(familyId, out var family) || family.ExpiresAt <= clock.GetUtcNow())
        {
            return null;
        }
        if (!SecretHash.Matches(secret, family.Hash))
        {
            // An earlier token of this family came back: someone holds a copy. Nobody keeps the login.
            await EndFamilyAsync(familyId);
            return null;
        }
        var next = SecretHash.NewSecret();
        family.Hash = SecretHash.Of(next);
        family.ExpiresAt = clock.GetUtcNow() + lifetime;
        await state.WriteStateAsync();
        return new IssuedSecret(familyId, next);
    }

    public async ValueTask RevokeRefreshTokenAsync(string familyId) => await EndFamilyAsync(familyId);

    private async Task EndFamilyAsync(string familyId)
    {
        if (!User.RefreshFamilies.Remove(familyId, out var family))
        {
            return;
        }
        var session = family.Link is { } sessionId && User.Sessions.Remove(sessionId) ? sessionId : null;
        await state.WriteStateAsync();
        if (session is not null)
        {
            await MarkSessionRevokedAsync(session);
        }
    }

    public async ValueTask<string> OpenMfaChallengeAsync(TimeSpan lifetime)
    {
        var now = clock.GetUtcNow();
        foreach (var expired in User.MfaChallenges.Where(c => c.Value.ExpiresAt <= now).Select(c => c.Key).ToList())
        {
            User.MfaChallenges.Remove(expired);
        }
        var id = SecretHash.NewId("mfa_");
        User.MfaChallenges[id] = new MfaChallengeState { ExpiresAt = now + lifetime };
        await state.WriteStateAsync();
        return id;
    }

    public async ValueTask<MfaOutcome> AnswerMfaChallengeAsync(string challengeId, long? totpStep, string? recoveryCodeHash)
    {
        var now = clock.GetUtcNow();
        if (!User.MfaChallenges.TryGetValue(challengeId, out var challenge) || challenge.ExpiresAt <= now || !User.MfaEnabled)
        {
            return MfaOutcome.ChallengeDead;
        }
        if (User.MfaLockedUntil > now)
        {
            return MfaOutcome.Locked;
        }
        var passed = (totpStep is { } step && step > User.LastTotpStep)
            || (recoveryCodeHash is not null && User.RecoveryCodeHashes.Remove(recoveryCodeHash));
        if (passed)
        {
            if (totpStep is { } accepted && accepted > User.LastTotpStep)
            {
                User.LastTotpStep = accepted;
            }
            User.MfaChallenges.Remove(challengeId);
            await state.WriteStateAsync();
            return MfaOutcome.Passed;
        }
        if (++challenge.Failures >= FailuresPerChallenge)
        {
            User.MfaChallenges.Remove(challengeId);
        }
        User.RecentMfaFailures.RemoveAll(at => at <= now - FailureWindow);
        User.RecentMfaFailures.Add(now);
        var locked = User.RecentMfaFailures.Count >= FailuresPerAccount;
        if (locked)
        {
            User.MfaLockedUntil = now + FailureWindow;
            User.RecentMfaFailures.Clear();
            User.MfaChallenges.Clear();
        }
        await state.WriteStateAsync();
        return locked ? MfaOutcome.Locked : MfaOutcome.Failed;
    }

    public async ValueTask<bool> UseTotpStepAsync(long step)
    {
        if (step <= User.LastTotpStep)
        {
            return false;
        }
        User.LastTotpStep = step;
        await state.WriteStateAsync();
        return true;
    }

    public async ValueTask<IssuedSecret> CreateApiKeyAsync(string name, string keyPrefix)
    {
        var id = SecretHash.NewId("key_");
        var secret = keyPrefix + SecretHash.NewSecret();
        var hash = SecretHash.Of(secret);
        User.ApiKeys[id] = new StoredSecret { Hash = hash, Kind = name };
        await state.WriteStateAsync();
        await store.WriteApiKeyAsync(new ApiKeyRecord
        {
            Id = id, UserId = Id, Name = name, Prefix = secret[..8], CreatedAt = clock.GetUtcNow(),
        }, hash);
        return new IssuedSecret(id, secret);
    }

    public async ValueTask<bool> RevokeApiKeyAsync(string keyId)
    {
        if (!User.ApiKeys.Remove(keyId, out var key))
        {
            return false;
        }
        await state.WriteStateAsync();
        await store.WriteApiKeyAsync(new ApiKeyRecord
        {
            Id = keyId, UserId = Id, Name = key.Kind, Prefix = "", CreatedAt = clock.GetUtcNow(), RevokedAt = clock.GetUtcNow(),
        }, key.Hash);
        return true;
    }

    public async ValueTask BeginTotpAsync(string protectedSecret)
    {
        User.PendingTotpSecret = protectedSecret;
        // Steps of another seed mean nothing for this one.
        User.LastTotpStep = 0;
        await state.WriteStateAsync();
    }

    public ValueTask<string?> GetTotpSecretAsync(bool pending) =>
        ValueTask.FromResult(pending ? User.PendingTotpSecret : User.MfaEnabled ? User.TotpSecret : null);

    public async ValueTask<bool> ConfirmTotpAsync(IReadOnlyList<string> recoveryCodeHashes)
    {
        if (User.PendingTotpSecret is null)
        {
            return false;
        }
        User.TotpSecret = User.PendingTotpSecret;
        User.PendingTotpSecret = null;
        User.MfaEnabled = true;
        User.RecoveryCodeHashes = [.. recoveryCodeHashes];
        await WriteUserRowAsync();
        await state.WriteStateAsync();
        return true;
    }

    public async ValueTask DisableTotpAsync()
    {
        User.MfaEnabled = false;
        User.TotpSecret = null;
        User.PendingTotpSecret = null;
        User.RecoveryCodeHashes.Clear();
        User.MfaChallenges.Clear();
        await WriteUserRowAsync();
        await state.WriteStateAsync();
    }

    public async ValueTask AddTrackerTrafficAsync(long uploaded, long downloaded)
    {
        User.TrackerUploaded += uploaded;
        User.TrackerDownloaded += downloaded;
        await state.WriteStateAsync();
    }

    public ValueTask<UserTraffic> GetTrackerTrafficAsync() =>
        ValueTask.FromResult(new UserTraffic(Id, User.TrackerUploaded, User.TrackerDownloaded));

    private async Task<bool> WriteUserRowAsync()
    {
        try
        {
            return await store.TryWriteUserAsync(new UserRecord
            {
                Id = Id, Username = User.Username, Email = User.Email, FullName = User.FullName, Role = Roles.Name(User.Role),
                Disabled = User.Disabled, MfaEnabled = User.MfaEnabled, CreatedAt = User.CreatedAt,
            }, clock.GetUtcNow());
        }
        catch (DbException ex) when (ex.SqlState is "23505" || ex.Message.Contains("UNIQUE", StringComparison.Ordinal))
        {
            // Another user took the name between the check and the write.
            return false;
        }
    }

    private async Task RevokeEverythingAsync()
    {
        foreach (var sessionId in User.Sessions.Keys.ToList())
        {
            User.Sessions.Remove(sessionId);
            await MarkSessionRevokedAsync(sessionId);
        }
        User.RefreshFamilies.Clear();
        User.MfaChallenges.Clear();
    }

    private Task MarkSessionRevokedAsync(string sessionId) => store.WriteSessionAsync(new SessionRecord
    {
        Id = sessionId, UserId = Id, Kind = "", CreatedAt = clock.GetUtcNow(), ExpiresAt = clock.GetUtcNow(), RevokedAt = clock.GetUtcNow(),
    });

    private static void DropExpired(Dictionary<string, StoredSecret> secrets, DateTimeOffset now)
    {
        foreach (var expired in secrets.Where(s => s.Value.ExpiresAt <= now).Select(s => s.Key).ToList())
        {
            secrets.Remove(expired);
        }
    }
}
