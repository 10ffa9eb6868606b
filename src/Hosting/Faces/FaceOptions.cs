using Microsoft.Extensions.Configuration;

namespace Swarmgrid.Hosting;

/// <summary>Where each face is mounted (<c>Faces:{Face}:Prefix</c>) and whether it is on (<c>Faces:{Face}:Enabled</c>).</summary>
public sealed record FaceOptions(string? TrackerPrefix, string? LibraryPrefix, string? PlatformPrefix, string? ClientPrefix)
{
    public static FaceOptions From(IConfiguration configuration) => new(
        Read(configuration, "Tracker", "/"),
        Read(configuration, "Library", "/api"),
        Read(configuration, "Platform", "/api/v1"),
        Read(configuration, "Client", "/client/api"));

    private static string? Read(IConfiguration configuration, string face, string fallback)
    {
        var section = configuration.GetSection($"Faces:{face}");
        if (bool.TryParse(section["Enabled"], out var enabled) && !enabled)
        {
            return null;
        }
        // Routes are mapped as prefix + "/route", so the root mount is the empty prefix.
        var prefix = (section["Prefix"] ?? fallback).Trim('/');
        return prefix.Length == 0 ? "" : "/" + prefix;
    }
}
