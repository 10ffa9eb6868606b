namespace Swarmgrid.GrainInterfaces.Security;

[GenerateSerializer, Immutable, Alias("Swarmgrid.PasswordPolicy")]
public sealed record PasswordPolicy(
    [property: Id(0)] int MinLength = 12,
    [property: Id(1)] bool RequireUppercase = false,
    [property: Id(2)] bool RequireLowercase = false,
    [property: Id(3)] bool RequireDigit = false,
    [property: Id(4)] bool RequireSymbol = false);

/// <summary>Allow and block lists of CIDR ranges; with an allow list, only its ranges get in.</summary>
[GenerateSerializer, Immutable, Alias("Swarmgrid.IpRules")]
public sealed record IpRules(
    [property: Id(0)] IReadOnlyList<string> Allow,
    [property: Id(1)] IReadOnlyList<string> Block)
{
    public static IpRules None { get; } = new([], []);
}

[GenerateSerializer, Immutable, Alias("Swarmgrid.SecuritySettings")]
public sealed record SecuritySettings(
    [property: Id(0)] int SessionLifetimeHours = 12,
    [property: Id(1)] int AccessTokenMinutes = 15,
    [property: Id(2)] int RefreshTokenDays = 30,
    [property: Id(3)] bool RegistrationEnabled = false,
    [property: Id(4)] bool RequireMfaForAdmins = false);
