using System.Net;
using Microsoft.Extensions.Configuration;
using Swarmgrid.Data;

namespace Swarmgrid.Hosting;

/// <summary>The configuration keys every Swarmgrid process reads (documented in the README).</summary>
public sealed record SwarmgridConfiguration(
    string DataDirectory,
    string? Postgres,
    string ClusterId,
    string ServiceId,
    int SiloPort,
    int GatewayPort,
    string AdvertisedHost,
    TimeSpan ClientResponseTimeout)
{
    public const string DefaultUrls = "http://127.0.0.1:8080";

    public bool IsCluster => !string.IsNullOrWhiteSpace(Postgres);

    public DatabaseSettings Database => DatabaseSettings.Create(Postgres, DataDirectory);

    public static SwarmgridConfiguration From(IConfiguration configuration) => new(
        DataDirectory: configuration["Swarmgrid:DataDir"] is { Length: > 0 } dir ? dir : "./data",
        Postgres: configuration["Swarmgrid:Postgres"],
        ClusterId: configuration["Orleans:ClusterId"] is { Length: > 0 } cluster ? cluster : "swarmgrid",
        ServiceId: configuration["Orleans:ServiceId"] is { Length: > 0 } service ? service : "swarmgrid",
        SiloPort: ReadPort(configuration, "Orleans:SiloPort", 11111),
        GatewayPort: ReadPort(configuration, "Orleans:GatewayPort", 30000),
        AdvertisedHost: configuration["Orleans:AdvertisedHost"] is { Length: > 0 } host ? host : IPAddress.Loopback.ToString(),
        ClientResponseTimeout: configuration.GetValue("Orleans:ClientResponseTimeout", TimeSpan.FromSeconds(10)));

    private static int ReadPort(IConfiguration configuration, string key, int fallback)
    {
        var text = configuration[key];
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }
        return int.TryParse(text, out var port) && port is >= 0 and <= 65535
            ? port
            : throw new StartupConfigurationException($"Configuration '{key}' must be a port number (0-65535), not '{text}'.");
    }
}
