using Swarmgrid.Hosting;
using Swarmgrid.Identity;

namespace Swarmgrid.WebFront.Faces.Registry;

/// <summary>Registry hashes: hex, at most 64 digits (a SHA-256), compared in lower case.</summary>
public static class RegistryHash
{
    public static bool TryNormalize(string? text, out string hash, out string? error)
    {
        hash = "";
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "missing info_hash";
            return false;
        }
        text = text.Trim();
        if (text.Length > 64 || !text.All(char.IsAsciiHexDigit))
        {
            error = "info_hash must be hexadecimal, at most 64 digits";
            return false;
        }
        hash = text.ToLowerInvariant();
        error = null;
        return true;
    }
}
