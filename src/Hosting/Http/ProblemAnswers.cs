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
                details.Detail ??= BodyBindingMessage.For(bad, context.HttpContext);
                context.HttpContext.Response.StatusCode = bad.StatusCode;
            }
            else if (context.Exception is null)
            {
                // A body refused before binding (too large, not JSON) leaves only its status behind.
                details.Detail ??= BodyBindingMessage.For(details.Status, context.HttpContext);
            }
            details.Extensions.TryAdd("error", details.Detail ?? details.Title ?? "error");
        });
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.AddExceptionHandler<ClusterUnavailableExceptionHandler>();
        return services;
    }

    public static WebApplication UseSwarmgridProblemDetails(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }

    /// <summary>
    /// Answers 503 with <c>Retry-After</c> when the cluster, not the request, failed: a silo gone past the retries, the
    /// database away, a call timed out.
    /// </summary>
    private sealed class ClusterUnavailableExceptionHandler(IProblemDetailsService problems, ILogger<ClusterUnavailableExceptionHandler> logger)
        : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
        {
            if (!ClusterFaults.IsTransient(exception) && exception is not System.Data.Common.DbException)
            {
                return false;
            }
            logger.LogWarning("{Method} {Path} answered 503: {Failure}: {Message}", context.Request.Method, context.Request.Path,
                exception.GetType().Name, exception.Message);
            Swarmgrid.Data.DatabaseFaults.Observed(exception);
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "2";
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = { Status = StatusCodes.Status503ServiceUnavailable, Detail = "the service is briefly unavailable; try again shortly" },
            });
        }
    }

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
