using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.HttpResults;
using Swarmgrid.GrainInterfaces.Users;
using Swarmgrid.Hosting;
using Swarmgrid.Identity;

namespace Swarmgrid.WebFront.Faces.Registry;

/// <summary>
/// Who may write the registry. An operator (or above) signed in by bearer token, API key, or session cookie with its
/// CSRF token may always write. Anyone else needs <c>X-Weightless-Key</c> when <c>Registry:Key</c> (or env
/// <c>REGISTRY_KEY</c>) is set, compared in constant time; with no key set, writes are anonymous, as the tracker seed says.
/// </summary>
public sealed class RegistryKey(IConfiguration configuration, CsrfTokens csrf) : IEndpointFilter
{
    public const string Header = "X-Weightless-Key";

    private readonly byte[]? expected = ReadKey(configuration) is { Length: > 0 } key ? Encoding.UTF8.GetBytes(key) : null;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var isOperator = http.User.Identity?.IsAuthenticated == true && CurrentUser.Role(http.User) >= Role.Operator
            && CsrfFilter.Passes(http, csrf);
        if (isOperator || expected is null)
        {
            return await next(context);
        }
        var presented = http.Request.Headers[Header].ToString();
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), expected)
            ? await next(context)
            : Unauthorized(presented.Length == 0 ? $"missing {Header} (or sign in as an operator)" : $"wrong {Header}");
    }

    /// <summary>Warns once the server listens: anonymous registry writes reachable from other hosts are rarely meant.</summary>
    public static void WarnWhenOpen(WebApplication app)
    {
        if (ReadKey(app.Configuration) is { Length: > 0 })
        {
            return;
        }
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var open = addresses.Where(address => !IsLoopback(address)).ToList();
            if (open.Count > 0)
            {
                app.Logger.LogWarning("Registry writes are anonymous (Registry:Key is not set) and reachable on {Addresses}; " +
                    "set Registry:Key (env REGISTRY_KEY) or listen on loopback only", string.Join(", ", open));
            }
        });
    }

    private static bool IsLoopback(string address) =>
        Uri.TryCreate(address.Replace("://+", "://0.0.0.0").Replace("://*", "://0.0.0.0"), UriKind.Absolute, out var uri)
        && (uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip)));

    private static ProblemHttpResult Unauthorized(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized",
            extensions: new Dictionary<string, object?> { ["error"] = detail });

    private static string? ReadKey(IConfiguration configuration) =>
        configuration["Registry:Key"] is { Length: > 0 } key ? key : configuration["REGISTRY_KEY"];
}
