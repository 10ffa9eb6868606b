using System.Buffers;
using Swarmgrid.BitTorrent.Bencoding;

namespace Swarmgrid.BitTorrent.Tracker.Http;

/// <summary>Writes the response that refuses an announce or scrape: <c>d14:failure reason&lt;len&gt;:&lt;reason&gt;e</c>.</summary>
public static class HttpFailureResponse
{
    /// <summary>Writes a failure response with <paramref name="reason"/> as UTF-8.</summary>
    public static void Write(IBufferWriter<byte> output, string reason)
    {
        var writer = new BencodeWriter(output);
        writer.WriteDictionaryStart();
        writer.WriteString("failure reason"u8);
        writer.WriteString(reason);
        writer.WriteEnd();
    }
}
