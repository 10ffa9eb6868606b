using Swarmgrid.Hosting;

namespace Swarmgrid.Identity;

/// <summary>Cookie names and their shared options: HttpOnly sessions, SameSite=Strict, a readable CSRF token.</summary>
public static class AuthCookies
{
    public const string Session = "sg_session";
    public const string ClientSession = "mosaic_session";
    public const string Csrf = "csrf_token";
    public const string CsrfHeader = "X-CSRF-Token";

    public static void SetSession(HttpResponse response, string name, string value, TimeSpan lifetime) =>
        response.Cookies.Append(name, value, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = response.HttpContext.Request.IsHttps,
            Path = "/",
            MaxAge = lifetime,
        });

    public static void SetCsrf(HttpResponse response, string value, TimeSpan lifetime) =>
        response.Cookies.Append(Csrf, value, new CookieOptions
        {
            HttpOnly = false,
            SameSite = SameSiteMode.Strict,
            Secure = response.HttpContext.Request.IsHttps,
            Path = "/",
            MaxAge = lifetime,
        });

    public static void Clear(HttpResponse response, params string[] names)
    {
        foreach (var name in names)
        {
            response.Cookies.Delete(name, new CookieOptions { Path = "/" });
        }
    }

    /// <summary>The session cookie value: <c>{userId}:{sessionId}:{secret}</c>, so the check goes straight to the user grain.</summary>
    public static string Format(string userId, string sessionId, string secret) => $"{userId}:{sessionId}:{secret}";

    public static bool TryParse(string? value, out string userId, out string sessionId, out string secret)
    {
        var parts = (value ?? "").Split(':');
        (userId, sessionId, secret) = parts.Length == 3 ? (parts[0], parts[1], parts[2]) : ("", "", "");
        return parts.Length == 3 && parts.All(p => p.Length is > 0 and < 200);
    }
}
