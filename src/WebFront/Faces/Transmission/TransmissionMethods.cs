using System.Text.Json;
using System.Text.Json.Nodes;
using Swarmgrid.GrainInterfaces.Users;

namespace Swarmgrid.WebFront.Faces.Transmission;

/// <summary>
/// Reads one request (<c>{"method","arguments","tag"}</c>) and runs its method. Reads (<see cref="ReadMethods"/>) take a
/// viewer, everything else an operator, as on the client face. A body that is not a JSON object or names no method is
/// answered <c>no method name</c> and an unknown method <c>method name not recognized</c>, Transmission's words.
/// </summary>
public sealed class TransmissionMethods(TransmissionSessionMethods session, TransmissionTorrentMethods torrents)
{
    public static readonly IReadOnlySet<string> ReadMethods = new HashSet<string>(StringComparer.Ordinal)
    {
        "session-get", "session-stats", "torrent-get", "free-space", "port-test",
    };

    private static readonly JsonDocumentOptions Parsing = new() { MaxDepth = 32 };

    public async Task<JsonObject> RunAsync(byte[] body, UserAccount user, HttpContext context)
    {
        JsonObject request;
        try
        {
            if (JsonNode.Parse(body, documentOptions: Parsing) is not JsonObject parsed)
            {
                return TransmissionRpcEndpoint.Answer("no method name", null, null);
            }
            request = parsed;
        }
        catch (JsonException)
        {
            return TransmissionRpcEndpoint.Answer("no method name", null, null);
        }
        // Transmission echoes an integer tag and drops any other.
        var tag = request["tag"] is JsonValue tagValue && tagValue.GetValueKind() == JsonValueKind.Number && tagValue.TryGetValue<long>(out var number)
            ? JsonValue.Create(number)
            : null;
        if (request["method"] is not JsonValue methodValue || methodValue.GetValueKind() != JsonValueKind.String)
        {
            return TransmissionRpcEndpoint.Answer("no method name", null, tag);
        }
        var method = methodValue.GetValue<string>();
        var arguments = request["arguments"] switch
        {
            null => new JsonObject(),
            JsonObject given => given,
            _ => null,
        };
        if (arguments is null)
        {
            return TransmissionRpcEndpoint.Answer("invalid argument: arguments must be an object", null, tag);
        }
        if (Handler(method) is not { } handler)
        {
            return TransmissionRpcEndpoint.Answer("method name not recognized", null, tag);
        }
        var needed = ReadMethods.Contains(method) ? Role.Viewer : Role.Operator;
        if (user.Role < needed)
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return TransmissionRpcEndpoint.Answer($"forbidden: {method} needs the {Roles.Name(needed)} role", null, tag);
        }
        try
        {
            return TransmissionRpcEndpoint.Answer("success", await handler(new RpcCall(arguments, user, context)), tag);
        }
        catch (RpcError error)
        {
            return TransmissionRpcEndpoint.Answer(error.Message, null, tag);
        }
    }

    private Func<RpcCall, Task<JsonObject>>? Handler(string method) => method switch
    {
        "session-get" => session.GetAsync,
        "session-set" => session.SetAsync,
        "session-stats" => session.StatsAsync,
        "free-space" => session.FreeSpaceAsync,
        "port-test" => session.PortTestAsync,
        "blocklist-update" => session.BlocklistUpdateAsync,
        "session-close" => session.CloseAsync,
        "torrent-get" => torrents.GetAsync,
        "torrent-add" => torrents.AddAsync,
        "torrent-set" => torrents.SetAsync,
        "torrent-start" => call => torrents.StartAsync(call, now: false),
        "torrent-start-now" => call => torrents.StartAsync(call, now: true),
        "torrent-stop" => torrents.StopAsync,
        "torrent-verify" => torrents.VerifyAsync,
        "torrent-reannounce" => torrents.ReannounceAsync,
        "torrent-remove" => torrents.RemoveAsync,
        "queue-move-top" => call => torrents.MoveAsync(call, GrainInterfaces.Torrents.QueueMove.Top),
        "queue-move-up" => call => torrents.MoveAsync(call, GrainInterfaces.Torrents.QueueMove.Up),
        "queue-move-down" => call => torrents.MoveAsync(call, GrainInterfaces.Torrents.QueueMove.Down),
        "queue-move-bottom" => call => torrents.MoveAsync(call, GrainInterfaces.Torrents.QueueMove.Bottom),
        _ => null,
    };
}
