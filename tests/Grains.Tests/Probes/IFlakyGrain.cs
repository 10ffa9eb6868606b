using Swarmgrid.GrainInterfaces;

namespace Swarmgrid.Grains.Tests.Probes;

/// <summary>Test grain that fails its first calls as if its silo were gone, or as if the database were away.</summary>
public interface IFlakyGrain : IGrainWithStringKey
{
    /// <summary>Throws <see cref="SiloUnavailableException"/> until it has been called <paramref name="failures"/> times; returns the calls.</summary>
    [Idempotent]
    Task<int> IdempotentAsync(int failures);

    /// <summary>As <see cref="IdempotentAsync"/>, for a method not marked idempotent.</summary>
    Task<int> PlainAsync(int failures);

    /// <summary>Throws what a database provider throws when the database is away.</summary>
    Task DatabaseAwayAsync();
}
