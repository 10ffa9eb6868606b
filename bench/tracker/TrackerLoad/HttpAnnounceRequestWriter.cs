using System.Buffers.Text;
using Swarmgrid.BitTorrent.Tracker;

namespace Swarmgrid.Bench.TrackerLoad;

/// <summary>
/// Writes the whole HTTP/1.1 announce request as bytes, every hash byte percent-encoded, without allocating: the load
/// generator shares the two cores with the server, so its own cost per request must stay small.
/// </summary>
public static class HttpAnnounceRequestWriter
{
    public const int MaxSize = 512;

    public static int Write(Span<byte> destination, in SimulatedPeer peer)
    {
        var writer = new ByteWriter(destination);
        writer.Append("GET /announce?info_hash="u8);
        writer.AppendPercentEncoded(peer.InfoHash);
        writer.Append("&peer_id="u8);
        writer.AppendPercentEncoded(peer.PeerId);
        writer.Append("&port="u8);
        writer.AppendNumber(peer.Port);
        writer.Append("&uploaded=0&downloaded=0&left="u8);
        writer.AppendNumber(peer.Left);
        writer.Append("&compact=1&numwant=50 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"u8);
        return writer.Length;
    }

    private ref struct ByteWriter(Span<byte> destination)
    {
        private readonly Span<byte> destination = destination;

        public int Length { get; private set; }

        public void Append(ReadOnlySpan<byte> text)
        {
            text.CopyTo(destination[Length..]);
            Length += text.Length;
        }

        public void AppendNumber(long value)
        {
            Utf8Formatter.TryFormat(value, destination[Length..], out var written);
            Length += written;
        }

        public void AppendPercentEncoded(in TrackerHash hash)
        {
            Span<byte> bytes = stackalloc byte[TrackerHash.Size];
            hash.CopyTo(bytes);
            foreach (var value in bytes)
            {
                destination[Length] = (byte)'%';
                destination[Length + 1] = "0123456789ABCDEF"u8[value >> 4];
                destination[Length + 2] = "0123456789ABCDEF"u8[value & 0xF];
                Length += 3;
            }
        }
    }
}
