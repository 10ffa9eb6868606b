using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Swarmgrid.GrainInterfaces.Settings;
using Swarmgrid.Hosting;
using Swarmgrid.Identity;

namespace Swarmgrid.WebFront.Faces.Library;

public sealed record SettingResponse(
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("default")] JsonNode? Default,
    [property: JsonPropertyName("value")] JsonNode? Value,
    [property: JsonPropertyName("overridden")] bool Overridden)
{
    public static SettingResponse From(SettingView view) =>
        new(view.Key, JsonNode.Parse(view.DefaultJson), JsonNode.Parse(view.ValueJson), view.Overridden);
}

public sealed record SettingListResponse([property: JsonPropertyName("items")] IReadOnlyList<SettingResponse> Items);
