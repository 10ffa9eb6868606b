namespace Swarmgrid.BitTorrent.Metainfo;

/// <summary>The v1 and v2 info-hashes of one torrent; a hybrid torrent has both.</summary>
public readonly record struct InfoHashes(InfoHash? V1, InfoHash? V2)
{
    public bool IsHybrid => V1 is not null && V2 is not null;

    /// <summary>The hash that identifies the swarm in 20-byte protocols: the v1 hash, else the truncated v2 hash.</summary>
    public InfoHash Primary => V1 ?? V2?.Truncate() ?? throw new InvalidOperationException("No info-hash.");

    /// <summary>Whether a 20-byte wire hash (or a full one) names this torrent.</summary>
    public bool Matches(InfoHash hash) =>
        hash == V1 || hash == V2 || (V2 is { } v2 && hash.Length == InfoHash.V1Length && hash == v2.Truncate());
}
