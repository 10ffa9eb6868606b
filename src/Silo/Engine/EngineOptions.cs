using System.Net;
using Swarmgrid.Hosting;

namespace Swarmgrid.Silo.Engine;

/// <summary>
/// The silo's BitTorrent engine: <c>Engine:ListenPort</c> (0, the default, picks a free port),
/// <c>Engine:BindAddress</c> (127.0.0.1 by default) and <c>Engine:DownloadDir</c> (default
/// <c>Swarmgrid:DataDir</c>/downloads). <c>Engine:Dht:Bootstrap</c> lists the DHT's first nodes (<c>host:port</c>,
/// an array or one comma-separated string); none by default, so a DHT with no peers of its own stays idle.
/// </summary>
public sealed record EngineOptions(int ListenPort, IPAddress BindAddress, string DownloadDirectory)
{
    /// <summary>Nodes the DHT asks first when its routing table is empty (<c>Engine:Dht:Bootstrap</c>).</summary>
    public IReadOnlyList<string> DhtBootstrap { get; init; } = [];

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
        var bootstrap = section.GetSection("Dht:Bootstrap");
        var nodes = bootstrap.GetChildren().Select(c => c.Value).OfType<string>()
            .Concat(bootstrap.Value?.Split(',') ?? [])
            .Select(n => n.Trim()).Where(n => n.Length > 0).ToList();
        return new EngineOptions(port, bind, EngineDefaults.DownloadDirectory(configuration)) { DhtBootstrap = nodes };
    }
}
