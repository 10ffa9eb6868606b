using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Swarmgrid.WebFront.Api;

namespace Swarmgrid.WebFront.Registry;

/// <summary>
/// The <c>X-Weightless-Key</c> check for registry writes: on only when <c>Registry:Key</c> (or env <c>REGISTRY_KEY</c>)
/// is set, compared in constant time.
/// </summary>
public sealed class RegistryKey(IConfiguration configuration) : IEndpointFilter
{
    public const string Header = "X-Weightless-Key";

    private readonly byte[]? expected = ReadKey(configuration) is { Length: > 0 } key ? Encoding.UTF8.GetBytes(key) : null;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (expected is null)
        {
            return await next(context);
        }
        var presented = context.HttpContext.Request.Headers[Header].ToString();
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), expected)
            ? await next(context)
            : Unauthorized(presented.Length == 0 ? $"missing {Header}" : $"wrong {Header}");
    }

    private static ProblemHttpResult Unauthorized(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized",
            extensions: new Dictionary<string, object?> { ["error"] = detail });

    private static string? ReadKey(IConfiguration configuration) =>
        configuration["Registry:Key"] is { Length: > 0 } key ? key : configuration["REGISTRY_KEY"];
}
