using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Swarmgrid.Hosting;

/// <summary>
/// Every error answer is a problem document carrying its message as <c>error</c> too (the field the seeds' clients
/// read): a request body that does not bind (malformed JSON, wrong types, wrong content type, too large) says why, an
/// empty 4xx/5xx gets a body, and an unexpected exception is a bare 500 with no internals.
/// </summary>
public static class ProblemAnswers
{
    public static IServiceCollection AddSwarmgridProblemDetails(this IServiceCollection services)
    {
        // The embedded silo registers the web front's services as well as its own.
        if (services.Any(service => service.ImplementationType == typeof(BadRequestExceptionHandler)))
        {
            return services;
        }
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var details = context.ProblemDetails;
            if (context.Exception is BadHttpRequestException bad)
            {
                details.Status = bad.StatusCode;
                details.Detail ??= BindingMessage(bad);
                context.HttpContext.Response.StatusCode = bad.StatusCode;
            }
            details.Extensions.TryAdd("error", details.Detail ?? details.Title ?? "error");
        });
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        return services;
    }

    public static WebApplication UseSwarmgridProblemDetails(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }

    private static string BindingMessage(BadHttpRequestException bad) => bad.StatusCode switch
    {
        StatusCodes.Status413PayloadTooLarge => "request body is too large",
        StatusCodes.Status415UnsupportedMediaType => "send the body as application/json",
        _ when bad.InnerException is System.Text.Json.JsonException json =>
            $"request body is not valid JSON for this route (at {json.Path ?? "$"}, line {json.LineNumber + 1}, byte {json.BytePositionInLine})",
        _ when bad.Message.StartsWith("Implicit body inferred", StringComparison.Ordinal) || bad.Message.Contains("no body was provided", StringComparison.Ordinal) =>
            "a JSON request body is required",
        _ => bad.Message,
    };

    /// <summary>Answers a request that could not be bound with its status and reason, without an error log.</summary>
    private sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
        {
            if (exception is not BadHttpRequestException bad)
            {
                return false;
            }
            context.Response.StatusCode = bad.StatusCode;
            return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, Exception = bad });
        }
    }
}
