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
        if (SettingCatalog.Find(key) is not { } definition)
        {
            return SettingChange.UnknownKey(key);
        }

        string canonical;
        try
        {
            using var document = JsonDocument.Parse(valueJson);
            if (definition.Validate(document.RootElement) is { } error)
            {
                return SettingChange.Invalid(error);
            }
            canonical = JsonSerializer.Serialize(document.RootElement);
        }
        catch (JsonException)
        {
            return SettingChange.Invalid($"'{key}' needs a JSON value");
        }

        var before = View(definition);
        state.State.Overrides[key] = canonical;
        await RecordAsync(key, "override_set", before.ValueJson, canonical, changedBy);
        return SettingChange.Applied(View(definition));
    }

    public async ValueTask<SettingChange> RemoveOverrideAsync(string key, string changedBy)
    {
        if (SettingCatalog.Find(key) is not { } definition)
        {
            return SettingChange.UnknownKey(key);
        }

        if (state.State.Overrides.Remove(key, out var previous))
        {
            await RecordAsync(key, "override_removed", previous, definition.DefaultJson, changedBy);
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

    private async Task RecordAsync(string key, string action, string? oldValue, string? newValue, string changedBy)
    {
        state.State.PendingAudit.Add(new SettingsAuditRecord(
            Guid.NewGuid().ToString("N"), key, action, oldValue, newValue, changedBy, clock.GetUtcNow()));
        await state.WriteStateAsync();
        using (var value = JsonDocument.Parse(newValue ?? "null"))
        {
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
