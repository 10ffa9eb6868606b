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

    public async ValueTask<bool> EndSessionAsync(string sessionId)
    {
        if (!User.Sessions.Remove(sessionId))
        {
            return false;
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

    public async ValueTask<IssuedSecret> IssueRefreshTokenAsync(TimeSpan lifetime)
    {
        var family = SecretHash.NewId("rtf_");
        var secret = SecretHash.NewSecret();
        var now = clock.GetUtcNow();
        User.RefreshFamilies[family] = new StoredSecret { Hash = SecretHash.Of(secret), ExpiresAt = now + lifetime, Kind = "refresh" };
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
            // An earlier token of this family came back: someone holds a copy. Nobody keeps the family.
            User.RefreshFamilies.Remove(familyId);
            await state.WriteStateAsync();
            return null;
        }
        var next = SecretHash.NewSecret();
        family.Hash = SecretHash.Of(next);
        family.ExpiresAt = clock.GetUtcNow() + lifetime;
        await state.WriteStateAsync();
        return new IssuedSecret(familyId, next);
    }

    public async ValueTask RevokeRefreshTokenAsync(string familyId)
    {
        if (User.RefreshFamilies.Remove(familyId))
        {
            await state.WriteStateAsync();
        }
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
        await WriteUserRowAsync();
        await state.WriteStateAsync();
    }

    public async ValueTask<bool> UseRecoveryCodeAsync(string recoveryCodeHash)
    {
        if (!User.RecoveryCodeHashes.Remove(recoveryCodeHash))
        {
            return false;
        }
        await state.WriteStateAsync();
        return true;
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
