namespace Swarmgrid.Hosting;

/// <summary>
/// The most a route's JSON body may hold (64 KiB unless the route says otherwise). A larger body is a 413 answered
/// before binding, without reading it, as the hand-written readers did: Kestrel then drains the rest, so the client
/// finishes sending and reads the answer. (Kestrel's own per-route limit would close the connection under a client
/// still sending.) A body without a declared length is cut off at the limit while it is read.
/// </summary>
public sealed record JsonBodyLimit(long MaxBytes)
{
    public const int DefaultBytes = 64 * 1024;

    public string Problem => $"request body exceeds {MaxBytes} bytes";

    public static JsonBodyLimit? Of(Endpoint? endpoint) => endpoint?.Metadata.GetMetadata<JsonBodyLimit>();
}

public static class JsonBodyLimitExtensions
{
    /// <summary>
    /// Caps the JSON body at <paramref name="maxBytes"/> and documents the problem answers of a body that does not
    /// bind: 400 malformed, 413 too large, 415 not JSON.
    /// </summary>
    public static RouteHandlerBuilder AcceptsJsonUpTo(this RouteHandlerBuilder builder, long maxBytes = JsonBodyLimit.DefaultBytes) =>
        builder.WithMetadata(new JsonBodyLimit(maxBytes))
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    /// <summary>Enforces each route's <see cref="JsonBodyLimit"/>; add it after authentication, before the endpoints.</summary>
    public static IApplicationBuilder UseJsonBodyLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (JsonBodyLimit.Of(context.GetEndpoint()) is { } limit)
        {
            if (context.Request.ContentLength > limit.MaxBytes)
            {
                await ApiProblem.TooLarge(limit.Problem).ExecuteAsync(context);
                return;
            }
            context.Request.Body = new LimitedBodyStream(context.Request.Body, limit.MaxBytes);
        }
        await next(context);
    });
}
