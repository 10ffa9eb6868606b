using System.Text.Json.Serialization;
using Swarmgrid.GrainInterfaces.Registry;
using Swarmgrid.Hosting;

namespace Swarmgrid.WebFront.Faces.Registry;

/// <summary>
/// A registry POST body. A field of the wrong type fails at binding ("name must be a string", "size must be a
/// non-negative integer"); the rest is checked here, each mistake with its own message.
/// </summary>
public sealed record RegistryUpsertRequest(
    [property: JsonPropertyName("info_hash")] string? InfoHash,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("description")] string? Description = null,
    [property: JsonPropertyName("publisher")] string? Publisher = null,
    [property: JsonPropertyName("license")] string? License = null,
    [property: JsonPropertyName("size")] ulong? Size = null,
    [property: JsonPropertyName("category")] string? Category = null,
    [property: JsonPropertyName("tags")] string? Tags = null,
    [property: JsonPropertyName("v1_info_hash")] string? V1InfoHash = null) : IValidatable
{
    public const int MaxBodyBytes = 1024 * 1024;
    private const int MaxTextLength = 4096;

    public string? Validate() =>
        TooLong(("info_hash", InfoHash), ("name", Name), ("description", Description), ("publisher", Publisher), ("license", License),
            ("category", Category), ("tags", Tags), ("v1_info_hash", V1InfoHash))
        ?? (Size > long.MaxValue ? "size must be a non-negative integer" : null)
        ?? RegistryHash.Problem(InfoHash)
        ?? (string.IsNullOrWhiteSpace(Name) ? "missing name" : null)
        ?? (V1InfoHash is not null && (V1InfoHash.Length != 40 || RegistryHash.Problem(V1InfoHash) is not null)
            ? "v1_info_hash must be 40 hexadecimal digits"
            : null);

    [JsonIgnore]
    public string Hash => RegistryHash.Normalize(InfoHash!);

    public RegistryEntryInput ToInput() => new(Name!, Description, Publisher, License, (long?)Size, Category, Tags,
        V1InfoHash is null ? null : RegistryHash.Normalize(V1InfoHash));

    private static string? TooLong(params (string Field, string? Value)[] fields) =>
        fields.FirstOrDefault(field => field.Value is { Length: > MaxTextLength }).Field is { } name
            ? $"{name} must be at most {MaxTextLength} characters"
            : null;
}
