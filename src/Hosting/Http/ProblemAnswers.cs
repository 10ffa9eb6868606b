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
        return services;
    }

    public static WebApplication UseSwarmgridProblemDetails(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
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
