using Swarmgrid.GrainInterfaces.Users;
using Swarmgrid.Identity;

namespace Swarmgrid.Realtime;

public static class RealtimeRegistration
{
    /// <summary>This process's feed subscriber and the consumers every process has (its IP rules).</summary>
    public static IServiceCollection AddRealtimeFeed(this IServiceCollection services)
    {
        if (services.Any(service => service.ServiceType == typeof(RealtimeFeedSubscriber)))
        {
            return services;
        }
        services.AddSingleton<RealtimeFeedSubscriber>();
        services.AddSingleton<IRealtimeFeed>(sp => sp.GetRequiredService<RealtimeFeedSubscriber>());
        services.AddHostedService(sp => sp.GetRequiredService<RealtimeFeedSubscriber>());
        services.AddHostedService<IpRulesFollower>();
        return services;
    }

    /// <summary>
    /// The feed, SignalR (JSON and MessagePack), the dashboard hub's fan-out, and the torrent views built from the feed
    /// (every torrent's status, watched torrents' detail), for processes that serve browsers.
    /// </summary>
    public static IServiceCollection AddRealtime(this IServiceCollection services)
    {
        if (services.Any(service => service.ImplementationType == typeof(DashboardFanout)))
        {
            return services;
        }
        services.AddRealtimeFeed();
        services.AddSignalR().AddMessagePackProtocol();
        services.AddHostedService<DashboardFanout>();
        services.AddSingleton<TorrentStatusCache>();
        services.AddHostedService(sp => sp.GetRequiredService<TorrentStatusCache>());
        services.AddSingleton<TorrentDetailWatch>();
        services.AddHostedService(sp => sp.GetRequiredService<TorrentDetailWatch>());
        return services;
    }

    /// <summary>WebSocket support for the seeds' raw sockets (SignalR brings its own).</summary>
    public static WebApplication UseRealtime(this WebApplication app)
    {
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
        return app;
    }

    /// <summary><c>/hubs/dashboard</c>, for any signed-in user (topics are scoped by role when joined).</summary>
    public static WebApplication MapRealtime(this WebApplication app)
    {
        app.MapHub<DashboardHub>(DashboardHub.Path).RequireRole(Role.Viewer);
        return app;
    }
}
