using System.Text.Json;
using Swarmgrid.Hosting;
using Swarmgrid.Identity;

namespace Swarmgrid.WebFront.Faces.Registry;

/// <summary>A registry POST body, checked field by field so each mistake gets its own message.</summary>
public sealed record RegistryUpsertRequest(
    string InfoHash, string Name, string? Description, string? Publisher, string? License, long? Size,
    string? Category, string? Tags, string? V1InfoHash)
{
    private const int MaxTextLength = 4096;

    public static bool TryRead(JsonElement body, out RegistryUpsertRequest request, out string error)
    {
        request = null!;
        if (body.ValueKind != JsonValueKind.Object)
        {
            error = "body must be a JSON object";
            return false;
        }
        if (!TryText(body, "info_hash", out var rawHash, out error) || !TryText(body, "name", out var name, out error)
            || !TryText(body, "description", out var description, out error) || !TryText(body, "publisher", out var publisher, out error)
            || !TryText(body, "license", out var license, out error) || !TryText(body, "category", out var category, out error)
            || !TryText(body, "tags", out var tags, out error) || !TryText(body, "v1_info_hash", out var rawV1, out error)
            || !TrySize(body, out var size, out error))
        {
            return false;
        }
        if (!RegistryHash.TryNormalize(rawHash, out var hash, out var hashError))
        {
            error = hashError!;
            return false;
        }
        if (string.IsNullOrWhiteSpace(name))
        {
            error = "missing name";
            return false;
        }
        string? v1 = null;
        if (rawV1 is not null && (rawV1.Length != 40 || !RegistryHash.TryNormalize(rawV1, out v1, out _)))
        {
            error = "v1_info_hash must be 40 hexadecimal digits";
            return false;
        }
        request = new RegistryUpsertRequest(hash, name, description, publisher, license, size, category, tags, v1);
        return true;
    }

    private static bool TryText(JsonElement body, string field, out string? value, out string error)
    {
        value = null;
        error = "";
        if (!body.TryGetProperty(field, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }
        if (element.ValueKind != JsonValueKind.String)
        {
            error = $"{field} must be a string";
            return false;
        }
        value = element.GetString();
        if (value!.Length > MaxTextLength)
        {
            error = $"{field} must be at most {MaxTextLength} characters";
            return false;
        }
        return true;
    }

    private static bool TrySize(JsonElement body, out long? size, out string error)
    {
        size = null;
        error = "";
        if (!body.TryGetProperty("size", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt64(out var value) || value < 0)
        {
            error = "size must be a non-negative integer";
            return false;
        }
        size = value;
        return true;
    }
}
