namespace Swarmgrid.Data.Settings;

/// <summary>One change to a setting, as the audit read model stores it. Values are JSON text.</summary>
public sealed record SettingsAuditRecord(
    string EventId,
    string Key,
    string Action,
    string? OldValue,
    string? NewValue,
    string ChangedBy,
    DateTimeOffset ChangedAt);
