using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;
using Swarmgrid.Data;

namespace Swarmgrid.Grains.Tests;

public static class TestClusters
{
    /// <summary>Two silos on SQLite in <paramref name="dataDirectory"/> (membership in memory, as embedded mode has none).</summary>
    public static Task<TestCluster> StartOnSqliteAsync(string dataDirectory, string? serviceId = null, bool fastFailureDetection = false) =>
        StartAsync(new Dictionary<string, string?> { [DatabaseSiloConfigurator.DataDirKey] = dataDirectory }, useTestMembership: true, serviceId,
            fastFailureDetection);

    /// <summary>Two silos whose membership, grain state and reminders are all in Postgres.</summary>
    public static Task<TestCluster> StartOnPostgresAsync(string connectionString, string? serviceId = null) =>
        StartAsync(new Dictionary<string, string?> { [DatabaseSiloConfigurator.PostgresKey] = connectionString }, useTestMembership: false, serviceId);

    /// <remarks>Stored grain state and reminders belong to a service id: a restarted cluster must reuse it to find them.</remarks>
    private static async Task<TestCluster> StartAsync(Dictionary<string, string?> settings, bool useTestMembership, string? serviceId,
        bool fastFailureDetection = false)
    {
        // The RSS tests serve their feeds on 127.0.0.1.
        settings["Outbound:AllowLoopback"] = "true";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        await using (var database = new Database(DatabaseSiloConfigurator.Database(configuration)))
        {
            await new DatabaseMigrator(database).ApplyAsync();
        }

        var builder = new TestClusterBuilder(2);
        builder.Options.UseTestClusterMembership = useTestMembership;
        if (serviceId is not null)
        {
            builder.Options.ServiceId = serviceId;
        }
        builder.ConfigureHostConfiguration(c => c.AddInMemoryCollection(settings));
        builder.AddSiloBuilderConfigurator<DatabaseSiloConfigurator>();
        if (fastFailureDetection)
        {
            builder.AddSiloBuilderConfigurator<FastFailureDetection>();
        }
        builder.AddClientBuilderConfigurator<DatabaseClientConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
