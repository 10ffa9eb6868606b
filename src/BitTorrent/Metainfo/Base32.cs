namespace Swarmgrid.BitTorrent.Metainfo;

/// <summary>RFC 4648 base32 without padding, the alphabet magnet links use for 20-byte info-hashes.</summary>
internal static class Base32
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static string Encode(ReadOnlySpan<byte> bytes)
    {
        var output = new char[(bytes.Length * 8 + 4) / 5];
        int buffer = 0, bits = 0, index = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                output[index++] = Alphabet[(buffer >> (bits - 5)) & 31];
                bits -= 5;
            }
        }
        if (bits > 0)
        {
            output[index++] = Alphabet[(buffer << (5 - bits)) & 31];
        }
        return new string(output, 0, index);
    }

    /// <summary>Decodes case-insensitively; null when a character is outside the alphabet or the length is impossible.</summary>
    public static byte[]? TryDecode(ReadOnlySpan<char> text)
    {
        var output = new byte[text.Length * 5 / 8];
        int buffer = 0, bits = 0, index = 0;
        foreach (var c in text)
        {
            var value = c switch
            {
                >= 'A' and <= 'Z' => c - 'A',
                >= 'a' and <= 'z' => c - 'a',
                >= '2' and <= '7' => c - '2' + 26,
                _ => -1,
            };
            if (value < 0)
            {
                return null;
            }
            buffer = ((buffer << 5) | value) & 0xFFFF;
            bits += 5;
            if (bits >= 8)
            {
                if (index == output.Length)
                {
                    return null;
                }
                output[index++] = (byte)(buffer >> (bits - 8));
                bits -= 8;
            }
        }
        return index == output.Length ? output : null;
    }
}
