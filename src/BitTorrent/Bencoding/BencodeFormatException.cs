namespace Swarmgrid.BitTorrent.Bencoding;

/// <summary>Malformed bencoded input: says where (byte offset) and why.</summary>
public sealed class BencodeFormatException(string reason, long position)
    : FormatException($"Invalid bencode at byte {position}: {reason}")
{
    /// <summary>Byte offset in the input where the problem was found.</summary>
    public long Position { get; } = position;

    /// <summary>What is wrong, without the position.</summary>
    public string Reason { get; } = reason;
}
