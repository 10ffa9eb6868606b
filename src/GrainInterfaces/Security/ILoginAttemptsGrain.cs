namespace Swarmgrid.GrainInterfaces.Security;

/// <summary>
/// One client address's login attempts across the whole cluster (keyed by the address's text): a bucket of 5 that
/// refills one attempt every 12 seconds, so every web front behind a balancer spends from the same bucket.
/// </summary>
public interface ILoginAttemptsGrain : IGrainWithStringKey
{
    /// <summary>Spends one attempt; false when none is left.</summary>
    ValueTask<bool> TryAcquireAsync();
}
