using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using Swarmgrid.GrainInterfaces;

namespace Swarmgrid.Hosting;

/// <summary>
/// Sends an <see cref="IdempotentAttribute"/> grain call again when it failed because its silo is gone, with a short
/// backoff, until <see cref="RetryFor"/> has passed: during a failover the caller sees a slower answer instead of an
/// error. Other calls, and other failures, pass through untouched.
/// </summary>
public sealed class RetryIdempotentCalls(ILogger<RetryIdempotentCalls> logger) : IOutgoingGrainCallFilter
{
    public static readonly TimeSpan RetryFor = TimeSpan.FromSeconds(15);

    private static readonly ConcurrentDictionary<MethodInfo, bool> Idempotent = new();

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        if (context.InterfaceMethod is not { } method || !Idempotent.GetOrAdd(method, m => m.IsDefined(typeof(IdempotentAttribute), inherit: true)))
        {
            await context.Invoke();
            return;
        }
        var started = Stopwatch.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await context.Invoke();
                return;
            }
            catch (Exception ex) when (ClusterFaults.IsSiloGone(ex) && Stopwatch.GetElapsedTime(started) < RetryFor)
            {
                logger.LogDebug(ex, "{Method} failed on a silo that is gone (attempt {Attempt}); sending it again", method.Name, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(1000, 50 << Math.Min(attempt, 5))));
            }
        }
    }
}
