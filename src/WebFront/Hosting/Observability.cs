using Prometheus;

namespace Swarmgrid.WebFront.Hosting;

/// <summary>
/// Prometheus exposition at <c>/metrics</c>: process figures, HTTP request figures, and every .NET meter in the
/// process (Orleans publishes its own as <c>microsoft_orleans_*</c>) through prometheus-net's meter adapter.
/// </summary>
public static class Observability
{
    public static WebApplication UseSwarmgridMetrics(this WebApplication app)
    {
        // The runtime's private diagnostics meters (QUIC internals) are noise for operators.
        Metrics.ConfigureMeterAdapter(options =>
            options.InstrumentFilterPredicate = instrument => !instrument.Meter.Name.StartsWith("Private.", StringComparison.Ordinal));
        app.UseHttpMetrics();
        app.MapMetrics("/metrics");
        return app;
    }
}
