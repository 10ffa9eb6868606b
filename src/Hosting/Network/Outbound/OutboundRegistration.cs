using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Swarmgrid.Hosting.Network.Outbound;

public static class OutboundRegistration
{
    /// <summary>The one <see cref="OutboundFetcher"/> of a process, for every URL a user gives.</summary>
    public static IServiceCollection AddOutboundFetcher(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(OutboundOptions.From(configuration));
        services.TryAddSingleton<OutboundFetcher>();
        return services;
    }
}
