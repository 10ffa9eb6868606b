namespace Swarmgrid.GrainInterfaces.Tracker;

/// <summary>Maps registry hashes (hex) to swarm grain keys: the 20-byte hash clients send, as 40 lower-case hex digits.</summary>
public static class SwarmKeys
{
    /// <summary>A v1 hash is its own key; a v2 hash is truncated to 20 bytes; anything else has no swarm.</summary>
    public static string? FromHex(string? hex) => hex?.Length switch
    {
        40 => hex.ToLowerInvariant(),
        64 => hex[..40].ToLowerInvariant(),
        _ => null,
    };

    public static string FromBytes(ReadOnlySpan<byte> hash20) => Convert.ToHexStringLower(hash20);
}
