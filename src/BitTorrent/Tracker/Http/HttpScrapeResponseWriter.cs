using System.Buffers;
using Swarmgrid.BitTorrent.Bencoding;

namespace Swarmgrid.BitTorrent.Tracker.Http;

/// <summary>
/// Writes an HTTP scrape response (BEP 48): <c>files</c> maps each raw 20-byte info hash to
/// <c>{complete, downloaded, incomplete[, name]}</c>; <c>flags</c> carries <c>min_request_interval</c> when given.
/// </summary>
public static class HttpScrapeResponseWriter
{
    /// <summary>
    /// Writes the response. Entries may come in any order: they are written sorted by hash, as bencode requires;
    /// of entries with the same hash only the first is written.
    /// </summary>
    public static void Write(IBufferWriter<byte> output, ReadOnlySpan<ScrapeEntry> files, int? minRequestInterval = null)
    {
        if (IsStrictlySorted(files))
        {
            WriteSorted(output, files, minRequestInterval);
            return;
        }
        // The original index breaks ties so that the sort is stable and the first of equal hashes is kept.
        var keys = ArrayPool<(TrackerHash, int)>.Shared.Rent(files.Length);
        var sorted = ArrayPool<ScrapeEntry>.Shared.Rent(files.Length);
        try
        {
            for (var i = 0; i < files.Length; i++)
            {
                keys[i] = (files[i].InfoHash, i);
            }
            files.CopyTo(sorted);
            keys.AsSpan(0, files.Length).Sort(sorted.AsSpan(0, files.Length));
            WriteSorted(output, sorted.AsSpan(0, files.Length), minRequestInterval);
        }
        finally
        {
            ArrayPool<(TrackerHash, int)>.Shared.Return(keys);
            ArrayPool<ScrapeEntry>.Shared.Return(sorted, clearArray: true);
        }
    }

    private static void WriteSorted(IBufferWriter<byte> output, ReadOnlySpan<ScrapeEntry> files, int? minRequestInterval)
    {
        var writer = new BencodeWriter(output);
        Span<byte> hash = stackalloc byte[TrackerHash.Size];
        writer.WriteDictionaryStart();
        writer.WriteString("files"u8);
        writer.WriteDictionaryStart();
        for (var i = 0; i < files.Length; i++)
        {
            ref readonly var file = ref files[i];
            if (i > 0 && files[i - 1].InfoHash == file.InfoHash)
            {
                continue;
            }
            file.InfoHash.CopyTo(hash);
            writer.WriteString(hash);
            writer.WriteDictionaryStart();
            writer.WriteKeyValue("complete"u8, file.Complete);
            writer.WriteKeyValue("downloaded"u8, file.Downloaded);
            writer.WriteKeyValue("incomplete"u8, file.Incomplete);
            if (file.Name is { } name)
            {
                writer.WriteString("name"u8);
                writer.WriteString(name);
            }
            writer.WriteEnd();
        }
        writer.WriteEnd();
        if (minRequestInterval is { } interval)
        {
            writer.WriteString("flags"u8);
            writer.WriteDictionaryStart();
            writer.WriteKeyValue("min_request_interval"u8, interval);
            writer.WriteEnd();
        }
        writer.WriteEnd();
    }

    private static bool IsStrictlySorted(ReadOnlySpan<ScrapeEntry> files)
    {
        for (var i = 1; i < files.Length; i++)
        {
            if (files[i - 1].InfoHash.CompareTo(files[i].InfoHash) >= 0)
            {
                return false;
            }
        }
        return true;
    }
}
