using Orleans.Runtime;
using Swarmgrid.GrainInterfaces;

namespace Swarmgrid.Hosting;

/// <summary>Failures of the cluster rather than of the request: a silo gone, a call rejected or timed out, the database away.</summary>
public static class ClusterFaults
{
    /// <summary>The call's silo is gone or going: sending it again may reach a live activation.</summary>
    public static bool IsSiloGone(Exception exception) =>
        exception is SiloUnavailableException or OrleansMessageRejectionException or Orleans.Runtime.Messaging.ConnectionFailedException;

    /// <summary>A failure that passes by itself: answered 503 (REST) or with a failure reason to retry (tracker).</summary>
    public static bool IsTransient(Exception exception) =>
        IsSiloGone(exception) || exception is TimeoutException or StorageUnavailableException or GatewayTooBusyException
        || exception is AggregateException { InnerExceptions: [var inner] } && IsTransient(inner);
}
