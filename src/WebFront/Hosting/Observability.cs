using Prometheus;

namespace Swarmgrid.WebFront.Hosting;

/// <summary>
/// Prometheus exposition at <c>/metrics</c>: process figures, HTTP request figures, and every .NET meter in the
/// process (Orleans publishes its own under <c>orleans_*</c>) through prometheus-net's meter adapter.
/// </summary>
public static class Observability
{
    public static WebApplication UseSwarmgridMetrics(this WebApplication app)
    {
        app.UseHttpMetrics();
        app.MapMetrics("/metrics");
        return app;
    }
}
