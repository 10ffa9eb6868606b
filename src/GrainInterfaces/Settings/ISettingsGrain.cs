namespace Swarmgrid.GrainInterfaces.Settings;

/// <summary>
/// Mutable settings as defaults plus overrides, keyed by scope (<see cref="GlobalScope"/> for the library face).
/// Values cross the grain boundary as JSON text; each accepted change is appended to the settings audit read model.
/// </summary>
public interface ISettingsGrain : IGrainWithStringKey
{
    const string GlobalScope = "global";

    /// <summary>The realtime event (topic <c>settings</c>, subject the key) published for every accepted change.</summary>
    const string ChangedEvent = "settings.changed";

    /// <summary>Every known setting with its default, effective value and whether it is overridden.</summary>
    ValueTask<IReadOnlyList<SettingView>> GetAllAsync();

    /// <summary>Sets an override after checking the value's type and range.</summary>
    ValueTask<SettingChange> SetOverrideAsync(string key, string valueJson, string changedBy);

    /// <summary>
    /// Sets several overrides as one change: every value is checked first and either all are applied (one state write,
    /// one audit record and one event per key whose value changed) or none is. A key already overridden with the same
    /// value is left alone.
    /// </summary>
    ValueTask<SettingsChange> SetOverridesAsync(IReadOnlyDictionary<string, string> valuesJson, string changedBy);

    /// <summary>Flips a true/false setting in one step (two callers flip it twice); an invalid value for any other kind.</summary>
    ValueTask<SettingChange> ToggleAsync(string key, string changedBy);

    /// <summary>Removes an override so the default applies again; removing an absent override changes nothing.</summary>
    ValueTask<SettingChange> RemoveOverrideAsync(string key, string changedBy);
}
