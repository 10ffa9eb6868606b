namespace Swarmgrid.GrainInterfaces.Registry;

/// <summary>
/// The writer of one registry entry, keyed by its lower-case hex info-hash. It keeps the registry read model and the
/// tracker's swarms in step: a hybrid's two hashes reach one swarm, a deleted hash is blocked.
/// </summary>
public interface IRegistryGrain : IGrainWithStringKey
{
    /// <summary>Creates or updates the entry (never its verified flag or counters); true when it was created.</summary>
    [Idempotent]
    ValueTask<bool> UpsertAsync(RegistryEntryInput input);

    /// <summary>Marks the entry verified by an admin, or takes the mark off; false when there is no such entry.</summary>
    [Idempotent]
    ValueTask<bool> SetVerifiedAsync(bool verified);

    /// <summary>Removes the entry, drops its peers and blocks its hashes.</summary>
    [Idempotent]
    ValueTask DeleteAsync(string? reason);
}

/// <summary>Fields of a registry entry; <see cref="Torrent"/> and <see cref="MetaJson"/> come from an uploaded .torrent.</summary>
[GenerateSerializer, Immutable, Alias("Swarmgrid.RegistryEntryInput")]
public sealed record RegistryEntryInput(
    [property: Id(0)] string Name,
    [property: Id(1)] string? Description = null,
    [property: Id(2)] string? Publisher = null,
    [property: Id(3)] string? License = null,
    [property: Id(4)] long? Size = null,
    [property: Id(5)] string? Category = null,
    [property: Id(6)] string? Tags = null,
    [property: Id(7)] string? V1InfoHash = null,
    [property: Id(8)] byte[]? Torrent = null,
    [property: Id(9)] string? MetaJson = null);
