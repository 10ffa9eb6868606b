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

    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
