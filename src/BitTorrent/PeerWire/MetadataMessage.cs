using Swarmgrid.BitTorrent.Bencoding;

namespace Swarmgrid.BitTorrent.PeerWire;

/// <summary>
/// A ut_metadata message (BEP 9): a bencoded dictionary (<c>msg_type</c>, <c>piece</c>, and for data
/// <c>total_size</c>) followed, for data, by up to 16 KiB of the info dictionary.
/// </summary>
public sealed record MetadataMessage(MetadataMessageType Type, int Piece, long TotalSize = 0, ReadOnlyMemory<byte> Data = default)
{
    /// <summary>Bytes of metadata per piece.</summary>
    public const int PieceSize = 16 * 1024;

    // The dictionary is short; anything longer than this before its end is not a ut_metadata message.
    private const int MaxDictionaryLength = 256;

    public byte[] Encode()
    {
        var writer = new BencodeWriter();
        writer.WriteDictionaryStart();
        writer.WriteKeyValue("msg_type"u8, (long)Type);
        writer.WriteKeyValue("piece"u8, Piece);
        if (Type == MetadataMessageType.Data)
        {
            writer.WriteKeyValue("total_size"u8, TotalSize);
        }
        writer.WriteEnd();
        return [.. writer.WrittenSpan, .. Data.Span];
    }

    /// <summary>Decodes a payload; false when there is no leading dictionary with a known type and a piece number.</summary>
    public static bool TryDecode(ReadOnlyMemory<byte> payload, out MetadataMessage? message)
    {
        message = null;
        var span = payload.Span;
        for (var end = 2; end <= Math.Min(span.Length, MaxDictionaryLength); end++)
        {
            if (span[end - 1] != (byte)'e')
            {
                continue;
            }
            BDictionary root;
            try
            {
                root = BencodeDecoder.DecodeDictionary(payload[..end], BencodeOptions.Lenient);
            }
            catch (BencodeFormatException)
            {
                continue;
            }
            if (root["msg_type"] is not BInteger { Value: >= 0 and <= 2 } type || root["piece"] is not BInteger { Value: >= 0 and <= int.MaxValue } piece)
            {
                return false;
            }
            var totalSize = root["total_size"] is BInteger { Value: > 0 } size ? size.Value : 0;
            message = new MetadataMessage((MetadataMessageType)type.Value, (int)piece.Value, totalSize,
                type.Value == (long)MetadataMessageType.Data ? payload[end..] : default);
            return true;
        }
        return false;
    }
}
