namespace Swarmgrid.GrainInterfaces.Settings;

public enum SettingChangeStatus
{
    Applied,
    UnknownKey,
    InvalidValue,
}

/// <summary>The outcome of a change: the setting as it now stands, or why nothing changed.</summary>
[GenerateSerializer, Immutable, Alias("Swarmgrid.SettingChange")]
public sealed record SettingChange(
    [property: Id(0)] SettingChangeStatus Status,
    [property: Id(1)] SettingView? Setting,
    [property: Id(2)] string? Error)
{
    public static SettingChange Applied(SettingView setting) => new(SettingChangeStatus.Applied, setting, null);

    public static SettingChange UnknownKey(string key) => new(SettingChangeStatus.UnknownKey, null, $"unknown setting '{key}'");

    public static SettingChange Invalid(string error) => new(SettingChangeStatus.InvalidValue, null, error);
}

/// <summary>The outcome of a change of several settings: all of them as they now stand, or why none changed.</summary>
[GenerateSerializer, Immutable, Alias("Swarmgrid.SettingsChange")]
public sealed record SettingsChange(
    [property: Id(0)] SettingChangeStatus Status,
    [property: Id(1)] IReadOnlyList<SettingView> Settings,
    [property: Id(2)] string? Error)
{
    public static SettingsChange Applied(IReadOnlyList<SettingView> settings) => new(SettingChangeStatus.Applied, settings, null);

    public static SettingsChange Refused(SettingChange refusal) => new(refusal.Status, [], refusal.Error);
}
