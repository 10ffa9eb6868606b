using System.Net.Mail;
using Swarmgrid.GrainInterfaces.Users;

namespace Swarmgrid.WebFront.Faces.Platform;

/// <summary>The checks of a user body's fields, shared by every route that creates or changes users.</summary>
public static class UserFieldRules
{
    /// <summary>An email, when given, must be one (after trimming).</summary>
    public static string? Email(string? email) =>
        email is not null && !MailAddress.TryCreate(email.Trim(), out _) ? "a valid email is required" : null;

    public static string? RequiredEmail(string? email) => email is null ? "a valid email is required" : Email(email);

    /// <summary>Present, even if empty: the password policy then says what is missing.</summary>
    public static string? RequiredPassword(string? password) => password is null ? "password is required" : null;

    public static string? Role(string? role) =>
        role is not null && !Roles.TryParse(role, out _) ? "role must be viewer, operator, admin or superadmin" : null;

    public static string? Username(string? username, string email) =>
        NewUsername(username, email) is var name && (name.Length > 100 || name.Contains(':'))
            ? "username must be at most 100 characters, without ':'"
            : null;

    /// <summary>The given username, trimmed, or the local part of the email.</summary>
    public static string NewUsername(string? username, string email) =>
        username?.Trim() is { Length: > 0 } given ? given : email.Trim().Split('@')[0];
}
