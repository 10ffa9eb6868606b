using System.Buffers;
using System.Buffers.Text;
using Swarmgrid.BitTorrent.Bencoding;

namespace Swarmgrid.BitTorrent.Tracker.Http;

/// <summary>
/// Writes HTTP announce responses with keys in raw byte order: <c>complete</c>, <c>incomplete</c>, <c>interval</c>,
/// <c>min interval</c>, <c>peers</c>, <c>peers6</c>, <c>tracker id</c>, <c>warning message</c>.
/// </summary>
public static class HttpAnnounceResponseWriter
{
    /// <summary>
    /// Writes a compact response: IPv4 peers as 6-byte entries in <c>peers</c> (BEP 23), IPv6 peers as 18-byte entries
    /// in <c>peers6</c> (BEP 7). <c>peers</c> is always written, <c>peers6</c> only when there is an IPv6 peer.
    /// </summary>
    public static void WriteCompact(IBufferWriter<byte> output, in HttpAnnounceResponseFields fields, ReadOnlySpan<PeerEndpoint> peers)
    {
        var ipv6Count = CompactPeers.CountIPv6(peers);
        var writer = WriteHead(output, fields);
        writer.WriteString("peers"u8);
        WriteCompactString(output, peers, false, (peers.Length - ipv6Count) * PeerEndpoint.CompactIPv4Size);
        if (ipv6Count > 0)
        {
            writer.WriteString("peers6"u8);
            WriteCompactString(output, peers, true, ipv6Count * PeerEndpoint.CompactIPv6Size);
        }
        WriteTail(writer, fields);
    }

    /// <summary>
    /// Writes a compact response from peers already in compact form: <paramref name="compactIPv4"/> as <c>peers</c>,
    /// and <paramref name="compactIPv6"/> as <c>peers6</c> when not empty.
    /// </summary>
    public static void WriteCompact(IBufferWriter<byte> output, in HttpAnnounceResponseFields fields, ReadOnlySpan<byte> compactIPv4, ReadOnlySpan<byte> compactIPv6)
    {
        var writer = WriteHead(output, fields);
        writer.WriteString("peers"u8);
        writer.WriteString(compactIPv4);
        if (!compactIPv6.IsEmpty)
        {
            writer.WriteString("peers6"u8);
            writer.WriteString(compactIPv6);
        }
        WriteTail(writer, fields);
    }

    /// <summary>
    /// Writes the original dictionary model: <c>peers</c> is a list of <c>{ip, peer id, port}</c> dictionaries, IPv4
    /// and IPv6 alike, with <c>ip</c> as text. <paramref name="includePeerIds"/> false (the client sent
    /// <c>no_peer_id</c>) leaves <c>peer id</c> out; so does a peer without a known id.
    /// </summary>
    public static void WriteDictionary(IBufferWriter<byte> output, in HttpAnnounceResponseFields fields, ReadOnlySpan<TrackerPeer> peers, bool includePeerIds)
    {
        var writer = WriteHead(output, fields);
        writer.WriteString("peers"u8);
        writer.WriteListStart();
        Span<byte> scratch = stackalloc byte[64];
        foreach (ref readonly var peer in peers)
        {
            writer.WriteDictionaryStart();
            writer.WriteString("ip"u8);
            writer.WriteString(scratch[..peer.Endpoint.FormatAddress(scratch)]);
            if (includePeerIds && peer.PeerId is { } peerId)
            {
                writer.WriteString("peer id"u8);
                peerId.CopyTo(scratch);
                writer.WriteString(scratch[..TrackerHash.Size]);
            }
            writer.WriteKeyValue("port"u8, peer.Endpoint.Port);
            writer.WriteEnd();
        }
        writer.WriteEnd();
        WriteTail(writer, fields);
    }

    private static BencodeWriter WriteHead(IBufferWriter<byte> output, in HttpAnnounceResponseFields fields)
    {
        var writer = new BencodeWriter(output);
        writer.WriteDictionaryStart();
        writer.WriteKeyValue("complete"u8, fields.Complete);
        writer.WriteKeyValue("incomplete"u8, fields.Incomplete);
        writer.WriteKeyValue("interval"u8, fields.Interval);
        if (fields.MinInterval is { } minInterval)
        {
            writer.WriteKeyValue("min interval"u8, minInterval);
        }
        return writer;
    }

    private static void WriteTail(BencodeWriter writer, in HttpAnnounceResponseFields fields)
    {
        if (fields.TrackerId is { } trackerId)
        {
            writer.WriteString("tracker id"u8);
            writer.WriteString(trackerId);
        }
        if (fields.WarningMessage is { } warning)
        {
            writer.WriteString("warning message"u8);
            writer.WriteString(warning);
        }
        writer.WriteEnd();
    }

    private static void WriteCompactString(IBufferWriter<byte> output, ReadOnlySpan<PeerEndpoint> peers, bool ipv6, int length)
    {
        var span = output.GetSpan(length + 11);
        Utf8Formatter.TryFormat(length, span, out var written);
        span[written++] = (byte)':';
        written += CompactPeers.Write(peers, ipv6, span[written..]);
        output.Advance(written);
    }
}
