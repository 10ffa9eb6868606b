using Swarmgrid.Grains.Tracker;

namespace Swarmgrid.Silo.Hosting;

public static class GrainServices
{
    /// <summary>What grains need from the silo besides storage: tracker policy and this silo's tracker figures.</summary>
    public static IServiceCollection AddSwarmgridGrainServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<TrackerOptions>(configuration.GetSection(TrackerOptions.Section));
        services.AddSingleton<SiloTrackerActivity>();
        services.AddSingleton<SwarmStatsBuffer>();
        return services;
    }
}
