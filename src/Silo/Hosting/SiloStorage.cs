using Swarmgrid.Data;
using Swarmgrid.GrainInterfaces;

namespace Swarmgrid.Silo.Hosting;

public static class SiloStorage
{
    /// <summary>Grain state and reminders in the configured database (SQLite embedded, Postgres in a cluster).</summary>
    public static ISiloBuilder AddSwarmgridStorage(this ISiloBuilder silo, DatabaseSettings database)
    {
        silo.AddAdoNetGrainStorage(StorageNames.Main, options =>
        {
            options.Invariant = database.AdoInvariant;
            options.ConnectionString = database.ConnectionString;
            options.GrainStorageSerializer = new JsonGrainStateSerializer();
        });
        silo.UseAdoNetReminderService(options =>
        {
            options.Invariant = database.AdoInvariant;
            options.ConnectionString = database.ConnectionString;
        });
        return silo;
    }
}
