namespace Swarmgrid.Hosting;

/// <summary>A typed request body that can say what is wrong with itself.</summary>
public interface IValidatable
{
    /// <summary>Why the request cannot be served, or null when it can.</summary>
    string? Validate();
}

/// <summary>
/// Runs <see cref="IValidatable.Validate"/> on the endpoint's <typeparamref name="T"/> argument before the handler,
/// answering a 400 problem with the reason; a missing body is a 400 too.
/// </summary>
public sealed class ValidationFilter<T> : IEndpointFilter where T : class, IValidatable
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var body = context.Arguments.OfType<T>().FirstOrDefault();
        if (body is null)
        {
            return ApiProblem.BadRequest("request body must be a JSON object");
        }
        return body.Validate() is { } problem ? ApiProblem.BadRequest(problem) : await next(context);
    }
}

public static class ValidationFilterExtensions
{
    /// <summary>Validates the <typeparamref name="T"/> body of this endpoint once, before its handler.</summary>
    public static RouteHandlerBuilder Validate<T>(this RouteHandlerBuilder builder) where T : class, IValidatable =>
        builder.AddEndpointFilter<ValidationFilter<T>>().ProducesProblem(StatusCodes.Status400BadRequest);
}
