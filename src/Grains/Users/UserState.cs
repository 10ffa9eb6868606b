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
}
