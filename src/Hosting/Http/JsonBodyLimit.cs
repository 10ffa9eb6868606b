using Microsoft.AspNetCore.Mvc;

namespace Swarmgrid.Hosting;

public static class JsonBodyLimit
{
    public const int DefaultBytes = 64 * 1024;

    /// <summary>
    /// Caps the request body at <paramref name="maxBytes"/> (a larger one is a 413) and documents the problem answers
    /// of a JSON body that does not bind: 400 malformed, 413 too large, 415 not JSON.
    /// </summary>
    public static RouteHandlerBuilder AcceptsJsonUpTo(this RouteHandlerBuilder builder, long maxBytes = DefaultBytes) =>
        builder.WithMetadata(new RequestSizeLimitAttribute(maxBytes))
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
}
