using Swarmgrid.Grains.Client.Rss;
using Swarmgrid.Grains.Realtime;
using Swarmgrid.Grains.Torrents;
using Swarmgrid.Grains.Tracker;
using Swarmgrid.Grains.Tracker.Replication;
using Swarmgrid.Hosting.Network.Outbound;
using Swarmgrid.Realtime;
using Swarmgrid.Silo.Engine;
using Swarmgrid.Silo.Rss;

namespace Swarmgrid.Silo.Hosting;

public static class GrainServices
{
    /// <summary>
    /// What grains need from the silo besides storage: tracker policy, this silo's tracker figures and swarm replication
    /// (with the placement of replicas on another silo), and this silo's
    /// BitTorrent engine with the hooks that bring torrents back after a restart or a silo's death and pass the queue
    /// limits on to the cluster's queue.
    /// </summary>
    public static IServiceCollection AddSwarmgridGrainServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<TrackerOptions>(configuration.GetSection(TrackerOptions.Section));
        services.AddSingleton<RealtimePublisher>();
        services.AddHostedService(sp => sp.GetRequiredService<RealtimePublisher>());
        services.AddRealtimeFeed();
        services.AddSingleton<SiloTrackerActivity>();
        services.AddSingleton<SwarmStatsBuffer>();
        services.AddSingleton<SwarmReplication>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<SwarmReplication>());
        services.AddPlacementDirector<ReplicaPlacement, ReplicaPlacementDirector>();
        services.AddSingleton(EngineOptions.From(configuration));
        services.AddSingleton(ClientSettingsFollower.ForSilo);
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<ClientSettingsFollower>());
        services.AddSingleton(BlocklistFollower.ForSilo);
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<BlocklistFollower>());
        services.AddSingleton<SiloTorrentEngine>();
        services.AddSingleton<ITorrentEngine>(sp => sp.GetRequiredService<SiloTorrentEngine>());
        services.AddSingleton<TorrentRestorer>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<TorrentRestorer>());
        services.AddSingleton<TorrentFailover>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<TorrentFailover>());
        services.AddSingleton<QueueLimitsFollower>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<QueueLimitsFollower>());
        services.AddOutboundFetcher(configuration);
        services.AddSingleton<IFeedFetcher, OutboundFeedFetcher>();
        return services;
    }
}
