namespace Swarmgrid.BitTorrent.Bencoding;

/// <summary>How strictly to decode and how much hostile input to tolerate.</summary>
public sealed record BencodeOptions
{
    /// <summary>Strict BEP 3: dictionary keys sorted and unique, no leading zeros, no <c>-0</c>.</summary>
    public static BencodeOptions Strict { get; } = new() { RequireCanonical = true };

    /// <summary>
    /// Accepts what real-world encoders emit: unsorted keys, leading zeros. Duplicate keys are still refused,
    /// since two readers could disagree on which value counts.
    /// </summary>
    public static BencodeOptions Lenient { get; } = new() { RequireCanonical = false };

    /// <summary>Refuse anything that is not the canonical encoding.</summary>
    public bool RequireCanonical { get; init; } = true;

    /// <summary>Deepest nesting of lists and dictionaries accepted.</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>Largest input accepted, in bytes.</summary>
    public long MaxInputBytes { get; init; } = 256L * 1024 * 1024;
}
