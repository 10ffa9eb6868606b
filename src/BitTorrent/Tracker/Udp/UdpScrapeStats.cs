using System.Buffers.Binary;

namespace Swarmgrid.BitTorrent.Tracker.Udp;

/// <summary>One torrent's entry in a UDP scrape response: seeders, completed, leechers; 12 bytes.</summary>
/// <param name="Seeders">Seeders.</param>
/// <param name="Completed">Completed downloads ever.</param>
/// <param name="Leechers">Leechers.</param>
public readonly record struct UdpScrapeStats(int Seeders, int Completed, int Leechers)
{
    /// <summary>Bytes in one entry.</summary>
    public const int Size = 12;

    /// <summary>Reads the entries; a trailing partial entry is ignored.</summary>
    public static UdpScrapeStats[] ReadAll(ReadOnlySpan<byte> entries)
    {
        var stats = new UdpScrapeStats[entries.Length / Size];
        for (var i = 0; i < stats.Length; i++)
        {
            var entry = entries.Slice(i * Size, Size);
            stats[i] = new UdpScrapeStats(
                BinaryPrimitives.ReadInt32BigEndian(entry),
                BinaryPrimitives.ReadInt32BigEndian(entry[4..]),
                BinaryPrimitives.ReadInt32BigEndian(entry[8..]));
        }
        return stats;
    }

    internal void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteInt32BigEndian(destination, Seeders);
        BinaryPrimitives.WriteInt32BigEndian(destination[4..], Completed);
        BinaryPrimitives.WriteInt32BigEndian(destination[8..], Leechers);
    }
}
