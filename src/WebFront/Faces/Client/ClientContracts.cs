using System.Text.Json.Serialization;
using Swarmgrid.Hosting;
using Swarmgrid.Identity;

namespace Swarmgrid.WebFront.Faces.Client;

/// <summary>The client seed's login: <c>username</c> and <c>password</c>; a field that is not a string counts as missing.</summary>
public sealed record ClientLoginRequest(
    [property: JsonPropertyName("username"), JsonConverter(typeof(StringOrNullConverter))] string? Username,
    [property: JsonPropertyName("password"), JsonConverter(typeof(StringOrNullConverter))] string? Password) : IValidatable
{
    public string? Validate() => LoginService.CredentialsGiven(Username, Password) ? null : LoginService.MalformedLogin;
}

/// <summary>The web-interface settings to change; an absent field keeps its value.</summary>
public sealed record ClientWebRequest(
    [property: JsonPropertyName("enabled")] bool? Enabled = null,
    [property: JsonPropertyName("port")] int? Port = null,
    [property: JsonPropertyName("bind_all")] bool? BindAll = null,
    [property: JsonPropertyName("username")] string? Username = null) : IValidatable
{
    public string? Validate() => Port is < 1 or > 65535 ? "port must be from 1 to 65535" : null;
}

public sealed record PasswordRequest([property: JsonPropertyName("password")] string? Password) : IValidatable
{
    public string? Validate() => string.IsNullOrEmpty(Password) ? "password is required" : null;
}

public sealed record WebConfigResponse(
    [property: JsonPropertyName("enabled")] bool Enabled,
    [property: JsonPropertyName("port")] int Port,
    [property: JsonPropertyName("bind_all")] bool BindAll,
    [property: JsonPropertyName("username")] string Username,
    [property: JsonPropertyName("api_key")] string ApiKey);

public sealed record RotatedApiKeyResponse([property: JsonPropertyName("api_key")] string ApiKey);
