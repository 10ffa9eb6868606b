namespace Swarmgrid.Hosting.Network.Outbound;

/// <summary>
/// Configuration <c>Outbound</c>: <c>AllowLoopback</c> lets user-given URLs reach 127.0.0.0/8 and ::1. It exists for
/// tests against local servers; never set it on a server others can reach. Private and link-local ranges stay refused.
/// </summary>
public sealed record OutboundOptions(bool AllowLoopback)
{
    public static OutboundOptions From(IConfiguration configuration) => new(configuration.GetValue("Outbound:AllowLoopback", false));
}
