using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing.Template;

namespace Swarmgrid.Hosting;

/// <summary>
/// Why a request did not bind, in the words the hand-written body readers used before bodies were bound by type: a
/// body that is not an object "must be a JSON object" (with its required fields), a field of the wrong type "must be a
/// string" (an integer, a list of strings, ...), broken JSON "is not valid JSON", an oversized body "exceeds N bytes".
/// </summary>
internal static class BodyBindingMessage
{
    public const string NotAnObject = "request body must be a JSON object";

    public static string For(BadHttpRequestException bad, HttpContext context) => bad.StatusCode switch
    {
        StatusCodes.Status413PayloadTooLarge or StatusCodes.Status415UnsupportedMediaType => For(bad.StatusCode, context)!,
        _ when bad.InnerException is JsonException json => ForJson(json, BodyType(context)),
        _ when bad.Message.StartsWith("Implicit body inferred", StringComparison.Ordinal)
               || bad.Message.Contains("no body was provided", StringComparison.Ordinal)
               || bad.Message.EndsWith("was not provided from body.", StringComparison.Ordinal) => NotAnObject,
        _ => bad.Message,
    };

    /// <summary>Why a body with no exception to tell was refused with <paramref name="status"/>, or null for other statuses.</summary>
    public static string? For(int? status, HttpContext context) => status switch
    {
        StatusCodes.Status413PayloadTooLarge => JsonBodyLimit.Of(RefusingEndpoint(context))?.Problem ?? "request body is too large",
        StatusCodes.Status415UnsupportedMediaType => $"send the body as {AcceptedTypes(context)}",
        _ => null,
    };

    /// <summary>
    /// What the route takes. Routing answers a content type no endpoint accepts with an endpoint of its own that carries no
    /// metadata, so the routes are searched for the ones matching the request's method and path.
    /// </summary>
    private static string AcceptedTypes(HttpContext context)
    {
        var accepts = RefusingEndpoint(context)?.Metadata.GetMetadata<IAcceptsMetadata>()
                      ?? context.RequestServices.GetService<EndpointDataSource>()?.Endpoints.OfType<RouteEndpoint>()
                          .Where(endpoint => Serves(endpoint, context.Request))
                          .Select(endpoint => endpoint.Metadata.GetMetadata<IAcceptsMetadata>())
                          .FirstOrDefault(metadata => metadata is not null);
        return accepts?.ContentTypes is { Count: > 0 } types ? string.Join(" or ", types) : "application/json";
    }

    private static bool Serves(RouteEndpoint endpoint, HttpRequest request) =>
        endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains(request.Method, StringComparer.OrdinalIgnoreCase) != false
        && endpoint.RoutePattern.RawText is { } pattern
        && new TemplateMatcher(TemplateParser.Parse(pattern), new RouteValueDictionary()).TryMatch(request.Path, new RouteValueDictionary());

    private static Type? BodyType(HttpContext context) => RefusingEndpoint(context)?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;

    /// <summary>The endpoint that refused the body; on an exception, the exception handler has taken it off the request.</summary>
    private static Endpoint? RefusingEndpoint(HttpContext context) => context.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? context.GetEndpoint();

    private static string ForJson(JsonException json, Type? bodyType)
    {
        // Broken JSON comes from the reader (a JsonException inside); a well-formed value the body's type cannot hold does not.
        if (json.InnerException is not JsonException && bodyType is not null)
        {
            if (json.Path is "$")
            {
                return NotAnObject + RequiredFields(bodyType);
            }
            if (TopLevelField(json.Path) is { } field && Property(bodyType, field) is { } property && Expected(property.PropertyType) is { } expected)
            {
                return $"{field} must be {expected}";
            }
        }
        return $"request body is not valid JSON for this route (at {json.Path ?? "$"}, line {json.LineNumber + 1}, byte {json.BytePositionInLine})";
    }

    private static string RequiredFields(Type bodyType) =>
        JsonFields(bodyType).Where(field => field.Property.IsDefined(typeof(JsonRequiredAttribute))).Select(field => $"'{field.Name}'").ToList() switch
        {
            [] => "",
            [var one] => $" with a {one} field",
            var many => $" with the fields {string.Join(", ", many)}",
        };

    /// <summary>The first member of a path such as <c>$.size</c> or <c>$.allow[0]</c>.</summary>
    private static string? TopLevelField(string? path)
    {
        if (path is null || !path.StartsWith("$.", StringComparison.Ordinal))
        {
            return null;
        }
        var end = path.IndexOfAny(['.', '['], 2);
        return end < 0 ? path[2..] : path[2..end];
    }

    private static PropertyInfo? Property(Type bodyType, string field) =>
        JsonFields(bodyType).FirstOrDefault(candidate => candidate.Name == field).Property;

    private static IEnumerable<(string Name, PropertyInfo Property)> JsonFields(Type bodyType) =>
        bodyType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(property => !property.IsDefined(typeof(JsonIgnoreAttribute)))
            .Select(property => (property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(property.Name), property));

    private static string? Expected(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type == typeof(string) ? "a string"
            : type == typeof(bool) ? "true or false"
            : type == typeof(int) || type == typeof(long) ? "an integer"
            : type == typeof(uint) || type == typeof(ulong) ? "a non-negative integer"
            : typeof(IEnumerable<string>).IsAssignableFrom(type) ? "a list of strings"
            : null;
    }
}
