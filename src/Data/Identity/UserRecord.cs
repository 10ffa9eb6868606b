namespace Swarmgrid.Data.Identity;

/// <summary>A user as the users read model holds it (no secrets).</summary>
public sealed class UserRecord
{
    public string Id { get; set; } = "";
    public string Username { get; set; } = "";
    public string Email { get; set; } = "";
    public string? FullName { get; set; }
    public string Role { get; set; } = "";
    public bool Disabled { get; set; }
    public bool MfaEnabled { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
