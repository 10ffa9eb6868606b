using Microsoft.Extensions.Configuration;

namespace Swarmgrid.Hosting;

/// <summary>Engine configuration that a web front needs to know as well as a silo.</summary>
public static class EngineDefaults
{
    /// <summary><c>Engine:DownloadDir</c>, else <c>Swarmgrid:DataDir</c>/downloads, as a full path.</summary>
    public static string DownloadDirectory(IConfiguration configuration)
    {
        var dataDirectory = configuration["Swarmgrid:DataDir"] is { Length: > 0 } dir ? dir : "./data";
        var chosen = configuration["Engine:DownloadDir"] is { Length: > 0 } configured ? configured : Path.Combine(dataDirectory, "downloads");
        return Path.GetFullPath(chosen);
    }
}
