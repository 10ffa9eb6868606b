using System.Text.Json.Serialization;
using Swarmgrid.Hosting;
using Swarmgrid.Identity;

namespace Swarmgrid.WebFront.Faces.Platform;

/// <summary>
/// A platform or fleet login: the login name under <c>email</c>, <c>username</c> or <c>login</c> (the first non-empty
/// one wins) and the <c>password</c>. A field that is not a string counts as missing.
/// </summary>
public sealed record LoginRequest(
    [property: JsonPropertyName("password"), JsonConverter(typeof(StringOrNullConverter))] string? Password,
    [property: JsonPropertyName("email"), JsonConverter(typeof(StringOrNullConverter))] string? Email = null,
    [property: JsonPropertyName("username"), JsonConverter(typeof(StringOrNullConverter))] string? Username = null,
    [property: JsonPropertyName("login"), JsonConverter(typeof(StringOrNullConverter))] string? Login = null) : IValidatable
{
    [JsonIgnore]
    public string? LoginName => LoginService.FirstLoginName(Email, Username, Login);

    public string? Validate() => LoginService.CredentialsGiven(LoginName, Password) ? null : LoginService.MalformedLogin;
}

/// <summary>The browser form of <c>login-form</c>, for the API document; the handler reads the form itself.</summary>
public sealed record LoginFormFields(
    [property: JsonPropertyName("password")] string? Password,
    [property: JsonPropertyName("email")] string? Email = null,
    [property: JsonPropertyName("username")] string? Username = null,
    [property: JsonPropertyName("redirect")] string? Redirect = null);

public sealed record RefreshRequest([property: JsonPropertyName("refresh_token")] string? RefreshToken);

/// <summary>An optional logout body: a refresh token whose login (family) ends too.</summary>
public sealed record LogoutRequest([property: JsonPropertyName("refresh_token")] string? RefreshToken = null);

public sealed record ChangePasswordRequest(
    [property: JsonPropertyName("current_password")] string? CurrentPassword,
    [property: JsonPropertyName("new_password")] string? NewPassword);

public sealed record OidcStatusResponse([property: JsonPropertyName("enabled")] bool Enabled);
