namespace Swarmgrid.GrainInterfaces.Settings;

/// <summary>One setting as the API shows it; <paramref name="DefaultJson"/> and <paramref name="ValueJson"/> are JSON text.</summary>
[GenerateSerializer, Immutable, Alias("Swarmgrid.SettingView")]
public sealed record SettingView(
    [property: Id(0)] string Key,
    [property: Id(1)] string DefaultJson,
    [property: Id(2)] string ValueJson,
    [property: Id(3)] bool Overridden);
