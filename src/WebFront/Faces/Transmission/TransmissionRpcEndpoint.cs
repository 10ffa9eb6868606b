using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Swarmgrid.GrainInterfaces.Transmission;
using Swarmgrid.Identity;

namespace Swarmgrid.WebFront.Faces.Transmission;

/// <summary>
/// The RPC route, in Transmission's order: Basic credentials first (401 with <c>WWW-Authenticate</c>), then the
/// <c>X-Transmission-Session-Id</c> handshake (409 carrying the cluster's id, for a plain GET too), then one JSON
/// request per POST. Anything wrong inside the request is a <c>result</c> string with HTTP 200, as Transmission
/// answers; a request the caller's role may not make is a 403.
/// </summary>
public static class TransmissionRpcEndpoint
{
    public const string SessionIdHeader = "X-Transmission-Session-Id";

    /// <summary>A base64 <c>.torrent</c> as large as the client face's upload cap, with room for the JSON around it.</summary>
    public const int MaxBody = 16 << 20;

    public static async Task HandleAsync(HttpContext context, TransmissionBasicAuth auth, TransmissionMethods methods, IGrainFactory grains,
        AuditTrail audit)
    {
        var (outcome, account, login) = await auth.CheckAsync(context);
        if (outcome != TransmissionBasicAuth.Outcome.Valid)
        {
            if (outcome == TransmissionBasicAuth.Outcome.Wrong)
            {
                await audit.RecordAsync(context, "login_failed", login, "transmission");
            }
            await RefuseAsync(context, outcome);
            return;
        }
        var sessionId = await grains.GetGrain<ITransmissionSessionGrain>(0).GetSessionIdAsync();
        if (!string.Equals(context.Request.Headers[SessionIdHeader].ToString(), sessionId, StringComparison.Ordinal))
        {
            context.Response.StatusCode = StatusCodes.Status409Conflict;
            context.Response.Headers[SessionIdHeader] = sessionId;
            context.Response.ContentType = "text/html; charset=UTF-8";
            await context.Response.WriteAsync(
                $"<h1>409: Conflict</h1><p>Your request had an invalid session-id header.</p><p><code>{SessionIdHeader}: {sessionId}</code></p>");
            return;
        }
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            context.Response.Headers.Allow = "POST";
            return;
        }
        if (context.Request.ContentLength > MaxBody)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await WriteAsync(context, Answer($"the request is larger than {MaxBody} bytes", null, null));
            return;
        }
        var body = await ReadBodyAsync(context.Request, context.RequestAborted);
        if (body is null)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await WriteAsync(context, Answer($"the request is larger than {MaxBody} bytes", null, null));
            return;
        }
        await WriteAsync(context, await methods.RunAsync(body, account!, context));
    }

    /// <summary>The whole answer object: <c>{"arguments","result","tag"}</c>.</summary>
    public static JsonObject Answer(string result, JsonObject? arguments, JsonNode? tag)
    {
        var answer = new JsonObject { ["arguments"] = arguments ?? new JsonObject(), ["result"] = result };
        if (tag is not null)
        {
            answer["tag"] = tag;
        }
        return answer;
    }

    private static async Task RefuseAsync(HttpContext context, TransmissionBasicAuth.Outcome outcome)
    {
        if (outcome == TransmissionBasicAuth.Outcome.Throttled)
        {
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = LoginThrottle.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await context.Response.WriteAsync("<h1>429: Too Many Requests</h1>");
            return;
        }
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Basic realm=\"Transmission\"";
        context.Response.ContentType = "text/html; charset=UTF-8";
        await context.Response.WriteAsync("<h1>401: Unauthorized</h1>Unauthorized User");
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBody)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static async Task WriteAsync(HttpContext context, JsonObject answer)
    {
        context.Response.ContentType = "application/json; charset=UTF-8";
        await using var writer = new Utf8JsonWriter(context.Response.Body);
        answer.WriteTo(writer);
        await writer.FlushAsync(context.RequestAborted);
    }
}
