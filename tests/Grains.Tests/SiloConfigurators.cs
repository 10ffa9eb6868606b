using Microsoft.Extensions.Configuration;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;
using Swarmgrid.Data;
using Swarmgrid.Silo.Hosting;
using Swarmgrid.Hosting;

namespace Swarmgrid.Grains.Tests;

/// <summary>Test silos with the production storage wiring on the database named in the host configuration.</summary>
public sealed class DatabaseSiloConfigurator : ISiloConfigurator
{
    public const string PostgresKey = "Test:Postgres";
    public const string DataDirKey = "Test:DataDir";

    public static DatabaseSettings Database(IConfiguration configuration) =>
        DatabaseSettings.Create(configuration[PostgresKey], configuration[DataDirKey] ?? "./data");

    public void Configure(ISiloBuilder silo)
    {
        var database = Database(silo.Configuration);
        silo.Services.AddSwarmgridDatabase(database);
        silo.Services.AddSwarmgridGrainServices(silo.Configuration);
        silo.AddSwarmgridStorage(database);
        silo.AddSwarmgridGrainDirectory();
        silo.AddSwarmgridCallFilters();
        silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
        if (database.Kind == DatabaseKind.Postgres)
        {
            silo.UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = (database.AdoInvariant, database.ConnectionString));
        }
    }
}

/// <summary>The test client joins through the Postgres membership table when the silos do.</summary>
public sealed class DatabaseClientConfigurator : IClientBuilderConfigurator
{
    public void Configure(IConfiguration configuration, IClientBuilder client)
    {
        var database = DatabaseSiloConfigurator.Database(configuration);
        client.AddOutgoingGrainCallFilter<RetryIdempotentCalls>();
        if (database.Kind == DatabaseKind.Postgres)
        {
            client.UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = (database.AdoInvariant, database.ConnectionString));
        }
    }
}

/// <summary>A killed silo declared dead in a few seconds rather than a minute.</summary>
public sealed class FastFailureDetection : ISiloConfigurator
{
    public void Configure(ISiloBuilder silo) => silo.Configure<ClusterMembershipOptions>(options =>
    {
        options.ProbeTimeout = TimeSpan.FromSeconds(1);
        options.NumMissedProbesLimit = 2;
        options.NumVotesForDeathDeclaration = 1;
        options.TableRefreshTimeout = TimeSpan.FromSeconds(2);
    });
}
