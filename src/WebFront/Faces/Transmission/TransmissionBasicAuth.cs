using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Swarmgrid.GrainInterfaces.Users;
using Swarmgrid.Identity;

namespace Swarmgrid.WebFront.Faces.Transmission;

/// <summary>
/// HTTP Basic credentials against the identity system, as the client face's login checks them (an account with MFA
/// cannot sign in with a password alone). Sonarr sends the password with every poll: a right answer is remembered for
/// <see cref="Remember"/> by a hash of the header, so polling costs no password hash each time; a wrong one takes a
/// login attempt from the caller's address, as any login does.
/// </summary>
public sealed class TransmissionBasicAuth(LoginService logins, LoginThrottle throttle, TimeProvider clock)
{
    public static readonly TimeSpan Remember = TimeSpan.FromSeconds(30);

    private const int MaxRemembered = 1024;

    private readonly ConcurrentDictionary<string, (UserAccount Account, DateTimeOffset Until)> remembered = new(StringComparer.Ordinal);

    public enum Outcome
    {
        Missing,
        Wrong,
        Throttled,
        Valid,
    }

    public async Task<(Outcome Outcome, UserAccount? Account, string? Login)> CheckAsync(HttpContext context)
    {
        if (!AuthenticationHeaderValue.TryParse(context.Request.Headers.Authorization.ToString(), out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) || header.Parameter is null)
        {
            return (Outcome.Missing, null, null);
        }
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(header.Parameter)));
        var now = clock.GetUtcNow();
        if (remembered.TryGetValue(key, out var known) && known.Until > now)
        {
            return (Outcome.Valid, known.Account, known.Account.Username);
        }
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
        }
        catch (FormatException)
        {
            return (Outcome.Wrong, null, null);
        }
        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        var (login, password) = colon < 0 ? (decoded, "") : (decoded[..colon], decoded[(colon + 1)..]);
        if (!await throttle.TryAcquireAsync(context.Connection.RemoteIpAddress))
        {
            return (Outcome.Throttled, null, login);
        }
        var account = await logins.CheckPasswordAsync(login, password);
        if (account is null || account.MfaEnabled)
        {
            return (Outcome.Wrong, null, login);
        }
        if (remembered.Count >= MaxRemembered)
        {
            remembered.Clear();
        }
        remembered[key] = (account, now + Remember);
        return (Outcome.Valid, account, login);
    }
}
