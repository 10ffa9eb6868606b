using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Swarmgrid.WebFront.Tests;

/// <summary>Hand-made HS256 tokens, to present tampered, expired and wrong-audience tokens.</summary>
public static class Jwt
{
    public static string Sign(object payload, string key)
    {
        var header = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new { alg = "HS256", typ = "JWT" }));
        var body = Base64Url(JsonSerializer.SerializeToUtf8Bytes(payload));
        var signature = Base64Url(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.ASCII.GetBytes($"{header}.{body}")));
        return $"{header}.{body}.{signature}";
    }

    /// <summary>A token with <c>alg: none</c> and no signature.</summary>
    public static string Unsigned(object payload) =>
        $"{Base64Url(JsonSerializer.SerializeToUtf8Bytes(new { alg = "none", typ = "JWT" }))}.{Base64Url(JsonSerializer.SerializeToUtf8Bytes(payload))}.";

    /// <summary>A string claim of a token's payload (not checked: the tests read their own tokens).</summary>
    public static string Claim(string token, string name)
    {
        var payload = token.Split('.')[1].Replace('-', '+').Replace('_', '/');
        var json = Convert.FromBase64String(payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '='));
        return JsonDocument.Parse(json).RootElement.GetProperty(name).GetString()!;
    }

    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
