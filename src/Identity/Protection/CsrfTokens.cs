using System.Security.Cryptography;
using System.Text;
using Swarmgrid.Data.Identity;
using Swarmgrid.Hosting;

namespace Swarmgrid.Identity;

/// <summary>
/// CSRF tokens bound to their session: the HMAC-SHA256 of the session id under a key derived from the master key, so
/// a planted <c>csrf_token</c> cookie and header pair that was not made for the victim's session fails.
/// </summary>
public sealed class CsrfTokens(AuthKeys keys)
{
    private readonly Lazy<byte[]> key = new(() => HMACSHA256.HashData(keys.MasterKey, "swarmgrid csrf v1"u8));

    public string For(string sessionId) => SecretHash.Base64Url(HMACSHA256.HashData(key.Value, Encoding.UTF8.GetBytes(sessionId)));

    public bool Matches(string sessionId, string presented) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(For(sessionId)), Encoding.UTF8.GetBytes(presented));
}
