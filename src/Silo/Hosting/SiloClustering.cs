using System.Net;
using Orleans.Configuration;
using Swarmgrid.Hosting;

namespace Swarmgrid.Silo.Hosting;

public static class SiloClustering
{
    /// <summary>
    /// The distributed grain directory: its ranges are handed over when membership changes, so a silo's death does not
    /// lose the registrations of activations on the silos that live on (with the default directory, those became
    /// unknown and were activated a second time, empty).
    /// </summary>
    /// <remarks>
    /// A dead silo's ranges are leased before other silos may activate its grains again (in case it still runs); the
    /// lease is <c>Orleans:GrainDirectory:RangeLeaseDuration</c>, 5 s here rather than Orleans' 30 s, so a torrent or swarm
    /// of a killed silo is back within the failure detection time plus a few seconds.
    /// </remarks>
    public static ISiloBuilder AddSwarmgridGrainDirectory(this ISiloBuilder silo)
    {
        silo.Services.Configure<GrainDirectoryOptions>(options => options.RangeLeaseDuration = TimeSpan.FromSeconds(5));
        silo.Services.Configure<GrainDirectoryOptions>(silo.Configuration.GetSection("Orleans:GrainDirectory"));
#pragma warning disable ORLEANSEXP003 // experimental in Orleans 10
        return silo.AddDistributedGrainDirectory();
#pragma warning restore ORLEANSEXP003
    }

    /// <summary>Localhost clustering when embedded; the Postgres membership table when a connection string is set.</summary>
    public static ISiloBuilder AddSwarmgridClustering(this ISiloBuilder silo, SwarmgridConfiguration configuration)
    {
        silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (configuration.ClusterId, configuration.ServiceId));
        silo.Services.Configure<ClusterMembershipOptions>(silo.Configuration.GetSection("Orleans:Membership"));
        if (!configuration.IsCluster)
        {
            return silo.UseLocalhostClustering(configuration.SiloPort, configuration.GatewayPort, null,
                configuration.ServiceId, configuration.ClusterId);
        }

        var database = configuration.Database;
        silo.UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = (database.AdoInvariant, database.ConnectionString));
        var advertised = AdvertisedAddress(configuration.AdvertisedHost);
        silo.ConfigureEndpoints(advertised, configuration.SiloPort, configuration.GatewayPort, listenOnAnyHostAddress: !IPAddress.IsLoopback(advertised));
        return silo;
    }

    /// <summary>
    /// The address other silos and clients dial: a literal address, a host name's first IPv4 address, or for
    /// <c>auto</c> this machine's own (a container's address, so replicas scaled out need no per-silo setting).
    /// </summary>
    private static IPAddress AdvertisedAddress(string host)
    {
        if (IPAddress.TryParse(host, out var address))
        {
            return address;
        }
        var named = string.Equals(host, "auto", StringComparison.OrdinalIgnoreCase) ? Dns.GetHostName() : host;
        var addresses = Dns.GetHostAddresses(named).Where(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork).ToList();
        return addresses.FirstOrDefault(a => !IPAddress.IsLoopback(a)) ?? addresses.FirstOrDefault()
            ?? throw new StartupConfigurationException($"Orleans:AdvertisedHost '{host}' has no IPv4 address.");
    }
}
