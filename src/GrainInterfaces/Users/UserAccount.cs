namespace Swarmgrid.GrainInterfaces.Users;

/// <summary>A user's account as the web front needs it, including the password hash (grain calls stay inside the cluster).</summary>
[GenerateSerializer, Immutable, Alias("Swarmgrid.UserAccount")]
public sealed record UserAccount(
    [property: Id(0)] string Id,
    [property: Id(1)] string Username,
    [property: Id(2)] string Email,
    [property: Id(3)] string? FullName,
    [property: Id(4)] Role Role,
    [property: Id(5)] bool Disabled,
    [property: Id(6)] bool MfaEnabled,
    [property: Id(7)] string PasswordHash,
    [property: Id(8)] DateTimeOffset CreatedAt);

/// <summary>Fields for a new account, or the ones to change (null leaves a field as it is).</summary>
[GenerateSerializer, Immutable, Alias("Swarmgrid.UserChanges")]
public sealed record UserChanges(
    [property: Id(0)] string? Username = null,
    [property: Id(1)] string? Email = null,
    [property: Id(2)] string? FullName = null,
    [property: Id(3)] Role? Role = null,
    [property: Id(4)] bool? Disabled = null,
    [property: Id(5)] string? PasswordHash = null);

public enum UserWriteStatus
{
    Done,
    NotFound,
    AlreadyExists,
    NameOrEmailTaken,
}

/// <summary>A credential issued once: its id and the secret the client must keep (only a hash is stored).</summary>
[GenerateSerializer, Immutable, Alias("Swarmgrid.IssuedSecret")]
public sealed record IssuedSecret([property: Id(0)] string Id, [property: Id(1)] string Secret);

[GenerateSerializer, Immutable, Alias("Swarmgrid.SessionCheck")]
public sealed record SessionCheck([property: Id(0)] bool Valid, [property: Id(1)] Role Role, [property: Id(2)] string Username);
