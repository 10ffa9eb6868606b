using System.Text.Json.Serialization;
using Swarmgrid.Data.Identity;
using Swarmgrid.Hosting;

namespace Swarmgrid.WebFront.Faces.Platform;

/// <summary>A user created by an admin; <c>role</c> defaults to viewer, <c>username</c> to the email's local part.</summary>
public sealed record CreateUserRequest(
    [property: JsonPropertyName("email")] string? Email,
    [property: JsonPropertyName("password")] string? Password,
    [property: JsonPropertyName("username")] string? Username = null,
    [property: JsonPropertyName("full_name")] string? FullName = null,
    [property: JsonPropertyName("role")] string? Role = null) : IValidatable
{
    public string? Validate() =>
        UserFieldRules.RequiredEmail(Email) ?? UserFieldRules.RequiredPassword(Password) ?? UserFieldRules.Role(Role)
        ?? UserFieldRules.Username(Username, Email!);
}

/// <summary>A self-registration: a new viewer.</summary>
public sealed record RegisterRequest(
    [property: JsonPropertyName("email")] string? Email,
    [property: JsonPropertyName("password")] string? Password,
    [property: JsonPropertyName("username")] string? Username = null,
    [property: JsonPropertyName("full_name")] string? FullName = null) : IValidatable
{
    public string? Validate() =>
        UserFieldRules.RequiredEmail(Email) ?? UserFieldRules.RequiredPassword(Password) ?? UserFieldRules.Username(Username, Email!);

    public CreateUserRequest AsViewer() => new(Email, Password, Username, FullName);
}

/// <summary>An admin's change to a user; an absent field stays as it is.</summary>
public sealed record UpdateUserRequest(
    [property: JsonPropertyName("username")] string? Username = null,
    [property: JsonPropertyName("email")] string? Email = null,
    [property: JsonPropertyName("full_name")] string? FullName = null,
    [property: JsonPropertyName("role")] string? Role = null,
    [property: JsonPropertyName("password")] string? Password = null,
    [property: JsonPropertyName("is_active")] bool? IsActive = null) : IValidatable
{
    public string? Validate() => UserFieldRules.Email(Email) ?? UserFieldRules.Role(Role);
}

/// <summary>A user's change to their own profile: never their role, password or status.</summary>
public sealed record UpdateProfileRequest(
    [property: JsonPropertyName("username")] string? Username = null,
    [property: JsonPropertyName("email")] string? Email = null,
    [property: JsonPropertyName("full_name")] string? FullName = null) : IValidatable
{
    public string? Validate() => UserFieldRules.Email(Email);

    public UpdateUserRequest AsUserUpdate() => new(Username, Email, FullName);
}

public sealed record AuditEntryResponse(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("at")] string At,
    [property: JsonPropertyName("actor")] string? Actor,
    [property: JsonPropertyName("action")] string Action,
    [property: JsonPropertyName("target")] string? Target,
    [property: JsonPropertyName("ip")] string? Ip,
    [property: JsonPropertyName("details")] string? Details)
{
    public static AuditEntryResponse From(AuditRecord entry) =>
        new(entry.Id, IsoTime.Format(entry.At), entry.Actor, entry.Action, entry.Target, entry.Ip, entry.Details);
}

public sealed record AuditPageResponse(
    [property: JsonPropertyName("items")] IReadOnlyList<AuditEntryResponse> Items,
    [property: JsonPropertyName("total")] long Total,
    [property: JsonPropertyName("limit")] int Limit,
    [property: JsonPropertyName("offset")] int Offset);
