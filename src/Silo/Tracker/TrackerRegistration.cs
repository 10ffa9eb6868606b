using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Swarmgrid.BitTorrent.Tracker.Udp;
using Swarmgrid.Hosting;
using Swarmgrid.Identity;

namespace Swarmgrid.Silo.Tracker;

public static class TrackerRegistration
{
    /// <summary>The HTTP and UDP tracker frontends and the policy between them and the swarm grains.</summary>
    public static IServiceCollection AddTracker(this IServiceCollection services)
    {
        services.TryAddSingleton<TrackerRateLimiter>();
        services.AddSingleton<PasskeyVerifier>();
        services.AddSingleton<AnnounceHandler>();
        services.AddSingleton<TrackerServices>();
        // Every silo behind one UDP address must accept the ids the others issued (a balancer sends a client's connect
        // and its announce to different silos), so the secret comes from the master key they all share.
        services.AddSingleton(provider => new UdpConnectionIds(provider.GetRequiredService<TimeProvider>(),
            HMACSHA256.HashData(provider.GetRequiredService<AuthKeys>().MasterKey, "swarmgrid udp connection ids v1"u8).AsSpan(0, UdpConnectionIds.SecretSize)));
        services.AddSingleton<UdpTrackerResponder>();
        services.AddHostedService<UdpTrackerService>();
        services.AddHostedService<TrackerStatsReporter>();
        services.AddHostedService<SwarmStatsWriter>();
        return services;
    }
}
