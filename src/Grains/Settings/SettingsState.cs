using Swarmgrid.Data.Settings;

namespace Swarmgrid.Grains.Settings;

/// <summary>
/// What the settings grain stores. Audit records wait in <see cref="PendingAudit"/> until the read model has them,
/// so a change and its audit record are written together and neither is lost if the database hiccups in between.
/// </summary>
public sealed class SettingsState
{
    public Dictionary<string, string> Overrides { get; set; } = new(StringComparer.Ordinal);

    public List<SettingsAuditRecord> PendingAudit { get; set; } = [];
}
