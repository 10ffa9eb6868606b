using Microsoft.AspNetCore.Http.Features;
using Swarmgrid.Hosting;

namespace Swarmgrid.WebFront.Faces.Client;

/// <summary>The most bytes a client face route takes in its body.</summary>
public sealed record ClientBodyLimit(long Bytes);

public static class ClientBodyLimits
{
    /// <summary>Caps the body of this route: a larger declared body is answered 413 before anything is read.</summary>
    public static RouteHandlerBuilder LimitBody(this RouteHandlerBuilder builder, long bytes) =>
        builder.WithMetadata(new ClientBodyLimit(bytes)).ProducesProblem(StatusCodes.Status413PayloadTooLarge);

    /// <summary>
    /// Answers 413 (a problem with <c>error</c>) to a request whose <c>Content-Length</c> exceeds its route's
    /// <see cref="ClientBodyLimit"/> before the body is read or bound, and caps a body sent without a length at the same
    /// size (reading past it fails with 413).
    /// </summary>
    public static WebApplication UseClientBodyLimits(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<ClientBodyLimit>() is { } limit)
            {
                if (context.Request.ContentLength > limit.Bytes)
                {
                    await ApiProblem.TooLarge($"request body exceeds {limit.Bytes} bytes").ExecuteAsync(context);
                    return;
                }
                if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
                {
                    feature.MaxRequestBodySize = limit.Bytes;
                }
            }
            await next(context);
        });
        return app;
    }
}
