using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Swarmgrid.Hosting;

/// <summary>The bare <c>{"error": "..."}</c> body of the answers whose shape a seed fixes (login refusals, CSRF, MFA).</summary>
public sealed record ErrorResponse([property: JsonPropertyName("error")] string Error)
{
    public static JsonHttpResult<ErrorResponse> Json(int statusCode, string error) =>
        TypedResults.Json(new ErrorResponse(error), statusCode: statusCode);
}
