using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using Swarmgrid.Hosting;

namespace Swarmgrid.WebFront.Faces.Library;

/// <summary>An override's new value, any JSON; the settings grain checks it against the setting's type and range.</summary>
public sealed record SettingOverrideRequest([property: JsonPropertyName("value"), JsonRequired] JsonElement Value);

/// <summary>How many of the newest audit records to list (1–1000, default 100).</summary>
public sealed record SettingsAuditQuery([FromQuery(Name = "limit")] int? Limit) : IValidatable
{
    public string? Validate() => Limit is < 1 or > PageQuery.MaxLimit ? "limit must be an integer from 1 to 1000" : null;
}
