using Swarmgrid.Hosting;

namespace Swarmgrid.Silo.Hosting;

public static class SiloCallFilters
{
    /// <summary>Database failures as our own exception, and idempotent calls sent again while a silo is gone.</summary>
    public static ISiloBuilder AddSwarmgridCallFilters(this ISiloBuilder silo) => silo
        .AddIncomingGrainCallFilter<StorageFailureTranslation>()
        .AddOutgoingGrainCallFilter<RetryIdempotentCalls>();
}
