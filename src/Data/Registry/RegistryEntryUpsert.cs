namespace Swarmgrid.Data.Registry;

/// <summary>
/// The fields a registry POST (or a .torrent upload) sets. <see cref="Torrent"/>, <see cref="Meta"/> and
/// <see cref="V1InfoHash"/> keep their stored values when null.
/// </summary>
public sealed record RegistryEntryUpsert(
    string InfoHash,
    string Name,
    string? Description = null,
    string? Publisher = null,
    string? License = null,
    long? Size = null,
    string? Category = null,
    string? Tags = null,
    string? V1InfoHash = null,
    string? SwarmKey = null,
    byte[]? Torrent = null,
    string? Meta = null);
