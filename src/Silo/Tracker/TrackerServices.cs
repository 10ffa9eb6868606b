using Swarmgrid.Hosting;

namespace Swarmgrid.Silo.Tracker;

/// <summary>The tracker frontends' collaborators, resolved once per request as one service.</summary>
public sealed record TrackerServices(
    AnnounceHandler Handler,
    PasskeyVerifier Passkeys,
    TrackerRateLimiter RateLimiter);
