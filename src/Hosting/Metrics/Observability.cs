using Prometheus;

namespace Swarmgrid.Hosting;

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
        // Announces and scrapes have their own figures; three metric middlewares per announce would cost more than it.
        app.UseWhen(context => !context.Request.Path.StartsWithSegments("/announce") && !context.Request.Path.StartsWithSegments("/scrape"),
            branch => branch.UseHttpMetrics());
        app.MapMetrics("/metrics");
        return app;
    }
}
