using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Swarmgrid.Data.Settings;
using Swarmgrid.Hosting;
using Swarmgrid.Identity;

namespace Swarmgrid.WebFront.Faces.Library;

public sealed record SettingsAuditEntry(
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("action")] string Action,
    [property: JsonPropertyName("old_value")] JsonNode? OldValue,
    [property: JsonPropertyName("new_value")] JsonNode? NewValue,
    [property: JsonPropertyName("changed_by")] string ChangedBy,
    [property: JsonPropertyName("changed_at")] string ChangedAt)
{
    public static SettingsAuditEntry From(SettingsAuditRecord record) => new(
        record.Key,
        record.Action,
        record.OldValue is null ? null : JsonNode.Parse(record.OldValue),
        record.NewValue is null ? null : JsonNode.Parse(record.NewValue),
        record.ChangedBy,
        IsoTime.Format(record.ChangedAt));
}

public sealed record SettingsAuditResponse([property: JsonPropertyName("items")] IReadOnlyList<SettingsAuditEntry> Items);
