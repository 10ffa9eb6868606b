using Orleans.Configuration;
using Swarmgrid.Data;
using Swarmgrid.Identity;
using Swarmgrid.Hosting;
using Swarmgrid.Realtime;
using Swarmgrid.WebFront.Dashboard;

namespace Swarmgrid.WebFront;

/// <summary>A stateless web front: an Orleans client of a Postgres-backed cluster serving REST and the dashboard.</summary>
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
        if (!configuration.IsCluster)
        {
            throw new StartupConfigurationException(
                "the web front is a client of a cluster: set Swarmgrid:Postgres (env Swarmgrid__Postgres). " +
                "For a single process, run src/Silo instead; it hosts the web front itself.");
        }

        var database = configuration.Database;
        builder.Services.AddSwarmgridDatabase(database);
        builder.UseOrleansClient(client => client
            .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (configuration.ClusterId, configuration.ServiceId))
            .UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = (database.AdoInvariant, database.ConnectionString))
            .AddOutgoingGrainCallFilter<RetryIdempotentCalls>());
        builder.AddWebFront();

        var app = builder.Build();
        app.UseClientAddress();
        app.UseSwarmgridProblemDetails();
        app.UseSwarmgridMetrics();
        app.UseTrackerMetrics();
        app.UseRealtime();
        app.UseSwarmgridAuth();
        app.UseDashboardAssets();
        app.MapTrackerHealth();
        app.MapWebFront();
        RouteCollisions.ThrowIfAny(app);
        await app.RunAsync();
    }
}
