using Microsoft.Extensions.DependencyInjection;
using Swarmgrid.Data.Identity;
using Swarmgrid.Data.Library;
using Swarmgrid.Data.Registry;
using Swarmgrid.Data.Settings;
using Swarmgrid.Data.Torrents;
using Swarmgrid.Data;

namespace Swarmgrid.Hosting;

public static class DatabaseRegistration
{
    /// <summary>The database connection, the migrator and the read models, for silos and web fronts alike.</summary>
    public static IServiceCollection AddSwarmgridDatabase(this IServiceCollection services, DatabaseSettings settings)
    {
        services.AddSingleton(settings);
        services.AddSingleton<Database>();
        services.AddSingleton<DatabaseMigrator>();
        services.AddSingleton<SettingsAuditLog>();
        services.AddSingleton<RegistryStore>();
        services.AddSingleton<SwarmStatsStore>();
        services.AddSingleton<IdentityStore>();
        services.AddSingleton<AuditStore>();
        services.AddSingleton<TorrentStore>();
        services.AddSingleton<LibraryStore>();
        services.AddSingleton<WantStore>();
        services.AddSingleton<NotificationStore>();
        services.AddSingleton<PosterStore>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ClientAddress>();
        return services;
    }
}
