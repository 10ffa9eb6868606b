namespace Swarmgrid.WebFront.Faces.Registry;

/// <summary>Registry hashes: hex, at most 64 digits (a SHA-256), compared in lower case.</summary>
public static class RegistryHash
{
    /// <summary>Why <paramref name="text"/> is not a registry hash, or null when it is.</summary>
    public static string? Problem(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "missing info_hash";
        }
        var hash = text.Trim();
        return hash.Length > 64 || !hash.All(char.IsAsciiHexDigit) ? "info_hash must be hexadecimal, at most 64 digits" : null;
    }

    /// <summary>The hash as the registry stores it, for text <see cref="Problem"/> accepted.</summary>
    public static string Normalize(string text) => text.Trim().ToLowerInvariant();
}
