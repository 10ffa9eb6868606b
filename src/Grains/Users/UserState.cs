using Swarmgrid.GrainInterfaces.Users;

namespace Swarmgrid.Grains.Users;

/// <summary>A user's stored state. Secrets are kept only as hashes, the TOTP secret only encrypted.</summary>
public sealed class UserState
{
    public bool Exists { get; set; }
    public string Username { get; set; } = "";
    public string Email { get; set; } = "";
    public string? FullName { get; set; }
    public Role Role { get; set; } = Role.Viewer;
    public bool Disabled { get; set; }
    public string PasswordHash { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }

    public bool MfaEnabled { get; set; }
    public string? TotpSecret { get; set; }
    public string? PendingTotpSecret { get; set; }
    public List<string> RecoveryCodeHashes { get; set; } = [];

    /// <summary>The last TOTP time step accepted; codes of this step or earlier are replays.</summary>
    public long LastTotpStep { get; set; }
    public Dictionary<string, MfaChallengeState> MfaChallenges { get; set; } = [];
    public List<DateTimeOffset> RecentMfaFailures { get; set; } = [];
    public DateTimeOffset? MfaLockedUntil { get; set; }

    public Dictionary<string, StoredSecret> Sessions { get; set; } = [];
    public Dictionary<string, StoredSecret> RefreshFamilies { get; set; } = [];
    public Dictionary<string, StoredSecret> ApiKeys { get; set; } = [];

    public long TrackerUploaded { get; set; }
    public long TrackerDownloaded { get; set; }
}

/// <summary>A session, refresh-token family or API key: the SHA-256 of its secret and when it stops working.</summary>
public sealed class StoredSecret
{
    public string Hash { get; set; } = "";
    public DateTimeOffset? ExpiresAt { get; set; }
    public string Kind { get; set; } = "";

    /// <summary>The other half of one login: a cookie session's refresh-token family, or a family's cookie session.</summary>
    public string? Link { get; set; }
}

/// <summary>An MFA challenge of a half-done login: when it dies and how many wrong answers it has had.</summary>
public sealed class MfaChallengeState
{
    public DateTimeOffset ExpiresAt { get; set; }
    public int Failures { get; set; }
}
