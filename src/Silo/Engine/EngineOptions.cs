using System.Net;
using Swarmgrid.Hosting;

namespace Swarmgrid.Silo.Engine;

/// <summary>
/// The silo's BitTorrent engine: <c>Engine:ListenPort</c> (0, the default, picks a free port),
/// <c>Engine:BindAddress</c> (127.0.0.1 by default) and <c>Engine:DownloadDir</c> (default
/// <c>Swarmgrid:DataDir</c>/downloads).
/// </summary>
public sealed record EngineOptions(int ListenPort, IPAddress BindAddress, string DownloadDirectory)
{
    public static EngineOptions From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Engine");
        var port = section.GetValue<int?>("ListenPort") ?? 0;
        if (port is < 0 or > 65535)
        {
            throw new InvalidOperationException($"Engine:ListenPort {port} is not a port.");
        }
        var bind = section["BindAddress"] is { Length: > 0 } text
            ? IPAddress.TryParse(text, out var parsed) ? parsed : throw new InvalidOperationException($"Engine:BindAddress {text} is not an IP address.")
            : IPAddress.Loopback;
        return new EngineOptions(port, bind, EngineDefaults.DownloadDirectory(configuration));
    }
}
