using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Swarmgrid.Hosting;

/// <summary>Reads a bounded JSON request body, turning every malformed or oversized body into a problem result.</summary>
public static class JsonBody
{
    public const int DefaultMaxBytes = 64 * 1024;

    public static async Task<(JsonDocument? Document, ProblemHttpResult? Problem)> ReadAsync(
        HttpRequest request, CancellationToken cancellationToken, int maxBytes = DefaultMaxBytes)
    {
        if (request.ContentLength > maxBytes)
        {
            return (null, ApiProblem.TooLarge($"request body exceeds {maxBytes} bytes"));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return (null, ApiProblem.TooLarge($"request body exceeds {maxBytes} bytes"));
            }
            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            return (null, ApiProblem.BadRequest("request body must be a JSON object"));
        }

        try
        {
            return (JsonDocument.Parse(buffer.ToArray(), new JsonDocumentOptions { MaxDepth = 32 }), null);
        }
        catch (JsonException ex)
        {
            return (null, ApiProblem.BadRequest($"request body is not valid JSON: {ex.Message}"));
        }
    }

    /// <summary>Reads the body and hands its root to <paramref name="handle"/>, or answers the body's problem.</summary>
    public static async Task<IResult> WithObjectAsync(HttpRequest request, Func<JsonElement, Task<IResult>> handle)
    {
        var (document, problem) = await ReadAsync(request, request.HttpContext.RequestAborted);
        if (problem is not null)
        {
            return problem;
        }
        using (document)
        {
            return await handle(document!.RootElement);
        }
    }
}
