using System.Text.Json;
using System.Text.Json.Nodes;
using Swarmgrid.GrainInterfaces.Realtime;

namespace Swarmgrid.Realtime;

/// <summary>
/// An event as clients receive it: <c>{"id","type","topic","subject","at","data"}</c>. Built as dictionaries and lists
/// of plain values, so the JSON and MessagePack hub protocols write the same field names.
/// </summary>
public static class RealtimeMessage
{
    public static Dictionary<string, object?> From(RealtimeEvent e) => new(6)
    {
        ["id"] = e.Id,
        ["type"] = e.Type,
        ["topic"] = e.Topic,
        ["subject"] = e.Subject,
        ["at"] = e.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
        ["data"] = Plain(JsonNode.Parse(e.Data)),
    };

    private static object? Plain(JsonNode? node) => node switch
    {
        null => null,
        JsonObject obj => obj.ToDictionary(p => p.Key, p => Plain(p.Value)),
        JsonArray array => array.Select(Plain).ToList(),
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number when value.TryGetValue<long>(out var integer) => integer,
            JsonValueKind.Number => value.GetValue<double>(),
            _ => null,
        },
        _ => null,
    };
}
