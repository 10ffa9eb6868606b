using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Swarmgrid.WebFront.Tests;

/// <summary>TOTP enrolment and MFA logins through the platform API.</summary>
public static class Mfa
{
    /// <summary>Enrols a user in TOTP with their bearer token; returns the secret and the recovery codes.</summary>
    public static async Task<(string Secret, IReadOnlyList<string> RecoveryCodes)> EnrolAsync(HttpClient client, string token)
    {
        var setup = await (await client.SendAsync(Users.Bearer(HttpMethod.Post, "/api/v1/auth/mfa/setup", token))).Content.ReadFromJsonAsync<JsonObject>();
        var secret = (string)setup!["secret"]!;
        var confirm = await client.SendAsync(Users.Bearer(HttpMethod.Post, "/api/v1/auth/mfa/verify", token, new { code = Totp.Code(secret) }));
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        var codes = (await confirm.Content.ReadFromJsonAsync<JsonObject>())!["recovery_codes"]!.AsArray().Select(c => (string)c!).ToList();
        return (secret, codes);
    }

    /// <summary>Logs in with the right password and returns the <c>mfa_token</c> of the challenge.</summary>
    public static async Task<string> ChallengeAsync(HttpClient client, string email, string password = Users.Password)
    {
        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["mfa_token"]!;
    }

    /// <summary>A six-digit code that is none of the codes accepted right now.</summary>
    public static string WrongCode(string secret)
    {
        var now = DateTimeOffset.UtcNow;
        var accepted = new[] { -30, 0, 30, 60 }.Select(s => Totp.Code(secret, now.AddSeconds(s))).ToHashSet();
        return Enumerable.Range(0, 10).Select(i => new string((char)('0' + i), 6)).First(code => !accepted.Contains(code));
    }

    public static Task<HttpResponseMessage> VerifyAsync(HttpClient client, string mfaToken, string code) =>
        client.PostAsJsonAsync("/api/v1/auth/mfa/verify", new { mfa_token = mfaToken, code });
}
