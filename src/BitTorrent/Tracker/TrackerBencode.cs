using System.Diagnostics.CodeAnalysis;
using System.Text;
using Swarmgrid.BitTorrent.Bencoding;

namespace Swarmgrid.BitTorrent.Tracker;

/// <summary>Lenient, non-throwing access to tracker response bodies for the client-side parsers.</summary>
internal static class TrackerBencode
{
    private static readonly BencodeOptions Options = BencodeOptions.Lenient with { MaxDepth = 8, MaxInputBytes = 16 * 1024 * 1024 };

    public static bool TryDecodeDictionary(ReadOnlyMemory<byte> body, [NotNullWhen(true)] out BDictionary? root, [NotNullWhen(false)] out string? error)
    {
        root = null;
        try
        {
            root = BencodeDecoder.Decode(body, Options) as BDictionary;
            error = root is null ? "the response is not a bencoded dictionary" : null;
        }
        catch (BencodeFormatException exception)
        {
            error = $"the response is not valid bencode: {exception.Reason} at {exception.Position}";
        }
        return root is not null;
    }

    public static string? Text(BDictionary dictionary, string key) =>
        dictionary[key] is BString text ? Encoding.UTF8.GetString(text.Span) : null;

    public static long? Integer(BDictionary dictionary, string key) =>
        dictionary[key] is BInteger number ? number.Value : null;
}
