using System.Text.Json;
using Microsoft.Extensions.Logging;
using Swarmgrid.Data.Settings;
using Swarmgrid.GrainInterfaces;
using Swarmgrid.GrainInterfaces.Realtime;
using Swarmgrid.GrainInterfaces.Settings;
using Swarmgrid.Grains.Realtime;

namespace Swarmgrid.Grains.Settings;

public sealed class SettingsGrain(
    [PersistentState("settings", StorageNames.Main)] IPersistentState<SettingsState> state,
    SettingsAuditLog auditLog,
    RealtimePublisher realtime,
    TimeProvider clock,
    ILogger<SettingsGrain> logger) : Grain, ISettingsGrain, IRemindable
{
    private const string FlushReminder = "flush-settings-audit";

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await FlushAuditAsync();
    }

    public ValueTask<IReadOnlyList<SettingView>> GetAllAsync() =>
        ValueTask.FromResult<IReadOnlyList<SettingView>>(SettingCatalog.All.Select(View).ToList());

    public async ValueTask<SettingChange> SetOverrideAsync(string key, string valueJson, string changedBy)
    {
        if (Check(key, valueJson, out var definition, out var canonical) is { } refusal)
        {
            return refusal;
        }

        var before = View(definition);
        state.State.Overrides[key] = canonical;
        await RecordAsync([(key, "override_set", before.ValueJson, canonical)], changedBy);
        return SettingChange.Applied(View(definition));
    }

    public async ValueTask<SettingsChange> SetOverridesAsync(IReadOnlyDictionary<string, string> valuesJson, string changedBy)
    {
        var accepted = new List<(SettingDefinition Definition, string Canonical)>();
        foreach (var (key, valueJson) in valuesJson)
        {
            if (Check(key, valueJson, out var definition, out var canonical) is { } refusal)
            {
                return SettingsChange.Refused(refusal);
            }
            accepted.Add((definition, canonical));
        }

        var changes = new List<(string, string, string?, string?)>();
        foreach (var (definition, canonical) in accepted)
        {
            if (state.State.Overrides.TryGetValue(definition.Key, out var current) && current == canonical)
            {
                continue;
            }
            changes.Add((definition.Key, "override_set", View(definition).ValueJson, canonical));
            state.State.Overrides[definition.Key] = canonical;
        }
        if (changes.Count > 0)
        {
            await RecordAsync(changes, changedBy);
        }
        return SettingsChange.Applied(accepted.Select(a => View(a.Definition)).ToList());
    }

    public ValueTask<SettingChange> ToggleAsync(string key, string changedBy) =>
        SettingCatalog.Find(key) switch
        {
            null => ValueTask.FromResult(SettingChange.UnknownKey(key)),
            BooleanSetting definition => SetOverrideAsync(key, View(definition).ValueJson == "true" ? "false" : "true", changedBy),
            _ => ValueTask.FromResult(SettingChange.Invalid($"'{key}' is not a true/false setting")),
        };

    public async ValueTask<SettingChange> RemoveOverrideAsync(string key, string changedBy)
    {
        if (SettingCatalog.Find(key) is not { } definition)
        {
            return SettingChange.UnknownKey(key);
        }

        if (state.State.Overrides.Remove(key, out var previous))
        {
            await RecordAsync([(key, "override_removed", previous, definition.DefaultJson)], changedBy);
        }
        return SettingChange.Applied(View(definition));
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == FlushReminder)
        {
            await FlushAuditAsync();
        }
    }

    private SettingView View(SettingDefinition definition)
    {
        var overridden = state.State.Overrides.TryGetValue(definition.Key, out var value);
        return new SettingView(definition.Key, definition.DefaultJson, overridden ? value! : definition.DefaultJson, overridden);
    }

    /// <summary>Null when <paramref name="valueJson"/> is an acceptable value of a known <paramref name="key"/>.</summary>
    private static SettingChange? Check(string key, string valueJson, out SettingDefinition definition, out string canonical)
    {
        canonical = "";
        if (SettingCatalog.Find(key) is not { } found)
        {
            definition = null!;
            return SettingChange.UnknownKey(key);
        }
        definition = found;
        try
        {
            using var document = JsonDocument.Parse(valueJson);
            if (definition.Validate(document.RootElement) is { } error)
            {
                return SettingChange.Invalid(error);
            }
            canonical = JsonSerializer.Serialize(document.RootElement);
            return null;
        }
        catch (JsonException)
        {
            return SettingChange.Invalid($"'{key}' needs a JSON value");
        }
    }

    /// <summary>Saves the state with one audit record per change, then announces each change on the feed.</summary>
    private async Task RecordAsync(IReadOnlyList<(string Key, string Action, string? OldValue, string? NewValue)> changes, string changedBy)
    {
        foreach (var (key, action, oldValue, newValue) in changes)
        {
            state.State.PendingAudit.Add(new SettingsAuditRecord(
                Guid.NewGuid().ToString("N"), key, action, oldValue, newValue, changedBy, clock.GetUtcNow()));
        }
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // The change is in memory only: start again from what storage holds rather than serve it.
            DeactivateOnIdle();
            throw;
        }
        foreach (var (key, action, _, newValue) in changes)
        {
            using var value = JsonDocument.Parse(newValue ?? "null");
            realtime.Publish(ISettingsGrain.ChangedEvent, RealtimeTopics.Settings, key, new
            {
                Key = key,
                Scope = this.GetPrimaryKeyString(),
                Value = value.RootElement,
                Overridden = state.State.Overrides.ContainsKey(key),
                Action = action,
                ChangedBy = changedBy,
            });
        }
        await FlushAuditAsync();
    }

    /// <summary>
    /// Moves pending audit records to the read model. Records already flushed may be sent again after a crash;
    /// the read model ignores repeated event ids. While the database refuses, a reminder retries, surviving restarts.
    /// </summary>
    private async Task FlushAuditAsync()
    {
        var pending = state.State.PendingAudit;
        if (pending.Count == 0)
        {
            return;
        }

        try
        {
            await auditLog.AppendAsync(pending.ToList());
            pending.Clear();
            if (await this.GetReminder(FlushReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or TimeoutException or IOException)
        {
            logger.LogWarning(ex, "Settings audit could not be written; {Count} records wait for a retry", pending.Count);
            await this.RegisterOrUpdateReminder(FlushReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        }
    }
}
