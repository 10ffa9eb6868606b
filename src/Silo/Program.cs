using Swarmgrid.Data;
using Swarmgrid.Silo.Hosting;
using Swarmgrid.Silo.Tracker;
using Swarmgrid.WebFront;
using Swarmgrid.WebFront.Dashboard;
using Swarmgrid.Identity;
using Swarmgrid.Hosting;
using Swarmgrid.Realtime;

namespace Swarmgrid.Silo;

/// <summary>
/// A Swarmgrid silo. Embedded (no Postgres configured): one process with the web front on 127.0.0.1:8080 and data in
/// SQLite under Swarmgrid:DataDir. Cluster: joins the Postgres membership table and serves the tracker routes,
/// /health and /metrics; web fronts run as separate processes.
/// </summary>
public static class Program
{
    public static Task<int> Main(string[] args) => HostRunner.RunAsync(() => RunAsync(args));

    private static async Task RunAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        // A background task that fails (say, while the database is away) is logged; it must not stop the process.
        builder.Services.Configure<HostOptions>(o => o.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.Ignore);
        builder.UseDefaultUrls();
        var configuration = SwarmgridConfiguration.From(builder.Configuration);
        var database = configuration.Database;

        await using (var migrationDatabase = new Database(database))
        {
            await new DatabaseMigrator(migrationDatabase).ApplyAsync();
        }

        builder.Services.AddSwarmgridDatabase(database);
        builder.Services.AddSwarmgridGrainServices(builder.Configuration);
        builder.Services.AddTracker();
        builder.Services.AddSwarmgridAuth();
        builder.Services.AddSwarmgridProblemDetails();
        builder.Services.AddHostedService<SuperadminBootstrap>();
        builder.UseOrleans(silo => silo
            .AddSwarmgridClustering(configuration)
            .AddSwarmgridGrainDirectory()
            .AddSwarmgridCallFilters()
            .AddSwarmgridStorage(database));
        if (!configuration.IsCluster)
        {
            builder.AddWebFront();
        }

        var app = builder.Build();
        app.UseClientAddress();
        app.UseSwarmgridProblemDetails();
        app.UseSwarmgridMetrics();
        app.UseTrackerMetrics();
        app.UseRealtime();
        app.UseSwarmgridAuth();
        if (!configuration.IsCluster)
        {
            app.UseDashboardAssets();
        }
        app.MapTrackerHealth();
        if (FaceOptions.From(app.Configuration).TrackerPrefix is { } trackerPrefix)
        {
            app.MapHttpTrackerApi(trackerPrefix);
        }
        if (!configuration.IsCluster)
        {
            app.MapWebFront();
        }
        RouteCollisions.ThrowIfAny(app);
        await app.RunAsync();
    }
}
