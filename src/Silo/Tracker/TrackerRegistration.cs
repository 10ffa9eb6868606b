using Microsoft.Extensions.DependencyInjection.Extensions;
using Swarmgrid.BitTorrent.Tracker.Udp;
using Swarmgrid.Hosting;

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
        services.AddSingleton(provider => new UdpConnectionIds(provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<UdpTrackerResponder>();
        services.AddHostedService<UdpTrackerService>();
        services.AddHostedService<TrackerStatsReporter>();
        services.AddHostedService<SwarmStatsWriter>();
        return services;
    }
}
