using System.Text.Json.Serialization;
using Swarmgrid.Data.Registry;
using Swarmgrid.Hosting;
using Swarmgrid.Identity;

namespace Swarmgrid.WebFront.Faces.Registry;

/// <summary>The tracker seed's <c>RegistryEntry</c>; optional fields are left out when unset.</summary>
public sealed record RegistryEntryResponse(
    [property: JsonPropertyName("info_hash")] string InfoHash,
    [property: JsonPropertyName("v1_info_hash"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? V1InfoHash,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("verified")] bool Verified,
    [property: JsonPropertyName("completions")] long Completions,
    [property: JsonPropertyName("description"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Description,
    [property: JsonPropertyName("publisher"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Publisher,
    [property: JsonPropertyName("license"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? License,
    [property: JsonPropertyName("size"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Size,
    [property: JsonPropertyName("category"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Category,
    [property: JsonPropertyName("tags"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Tags,
    [property: JsonPropertyName("seeders")] int Seeders,
    [property: JsonPropertyName("leechers")] int Leechers)
{
    public static RegistryEntryResponse From(RegistryEntryRecord entry) => new(
        entry.InfoHash, entry.V1InfoHash, entry.Name, entry.Verified, entry.Completions, entry.Description, entry.Publisher,
        entry.License, entry.Size, entry.Category, entry.Tags, entry.Seeders, entry.Leechers);
}

public sealed record RegistryStatusResponse([property: JsonPropertyName("status")] string Status);
