using System.Globalization;
using Swarmgrid.BitTorrent.Metainfo;

namespace Swarmgrid.BitTorrent.Magnet;

/// <summary>Reads the query of a magnet URI into a <see cref="MagnetLink"/>.</summary>
internal static class MagnetParser
{
    /// <summary>Multihash code 0x12 (SHA-256) and length 0x20.</summary>
    public const string Sha256MultihashPrefix = "1220";

    private const int MaxLength = 64 * 1024;

    public static MagnetLink Parse(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (uri.Length > MaxLength)
        {
            throw new MagnetFormatException($"longer than {MaxLength} characters");
        }
        if (!uri.StartsWith("magnet:?", StringComparison.OrdinalIgnoreCase))
        {
            throw new MagnetFormatException("does not start with 'magnet:?'");
        }

        InfoHash? v1 = null, v2 = null;
        string? name = null;
        long? length = null;
        List<string> trackers = [], webSeeds = [], peers = [];
        foreach (var pair in uri["magnet:?".Length..].Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=');
            var key = BaseKey(equals < 0 ? pair : pair[..equals]).ToLowerInvariant();
            var raw = equals < 0 ? "" : pair[(equals + 1)..];
            // Form encoding writes spaces in names as '+'; an encoded plus (%2B) stays a plus.
            var value = Uri.UnescapeDataString(key == "dn" ? raw.Replace('+', ' ') : raw);
            switch (key)
            {
                case "xt":
                    ReadExactTopic(value, ref v1, ref v2);
                    break;
                case "dn":
                    name = value;
                    break;
                case "xl":
                    length = long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var xl)
                        ? xl
                        : throw new MagnetFormatException($"xl '{value}' is not a length");
                    break;
                case "tr":
                    AddDistinct(trackers, value);
                    break;
                case "ws":
                    AddDistinct(webSeeds, value);
                    break;
                case "x.pe":
                    AddDistinct(peers, value);
                    break;
            }
        }
        if (v1 is null && v2 is null)
        {
            throw new MagnetFormatException("no xt=urn:btih: or xt=urn:btmh: info-hash");
        }
        return new MagnetLink(new InfoHashes(v1, v2), name, trackers, webSeeds, length, peers);
    }

    /// <summary>Numbered parameters (<c>tr.1</c>, <c>xt.2</c>) count as the plain ones; <c>x.pe</c> is a name of its own.</summary>
    private static string BaseKey(string key)
    {
        var dot = key.LastIndexOf('.');
        return dot > 0 && key[(dot + 1)..] is { Length: > 0 } suffix && suffix.All(char.IsAsciiDigit) ? key[..dot] : key;
    }

    private static void ReadExactTopic(string value, ref InfoHash? v1, ref InfoHash? v2)
    {
        if (value.StartsWith("urn:btih:", StringComparison.OrdinalIgnoreCase))
        {
            var text = value["urn:btih:".Length..];
            if (!(InfoHash.TryFromHex(text, out var hash) && hash.Length == InfoHash.V1Length) && !InfoHash.TryFromBase32(text, out hash))
            {
                throw new MagnetFormatException($"'{text}' is neither 40 hex digits nor 32 base32 characters");
            }
            Keep(ref v1, hash, "btih");
        }
        else if (value.StartsWith("urn:btmh:", StringComparison.OrdinalIgnoreCase))
        {
            var text = value["urn:btmh:".Length..];
            if (!text.StartsWith(Sha256MultihashPrefix, StringComparison.Ordinal)
                || !InfoHash.TryFromHex(text.AsSpan(Sha256MultihashPrefix.Length), out var hash) || hash.Length != InfoHash.V2Length)
            {
                throw new MagnetFormatException($"'{text}' is not a SHA-256 multihash (1220 and 64 hex digits)");
            }
            Keep(ref v2, hash, "btmh");
        }
    }

    private static void Keep(ref InfoHash? slot, InfoHash hash, string kind)
    {
        if (slot is { } existing && existing != hash)
        {
            throw new MagnetFormatException($"two different {kind} info-hashes");
        }
        slot = hash;
    }

    private static void AddDistinct(List<string> list, string value)
    {
        if (value.Length > 0 && !list.Contains(value, StringComparer.Ordinal))
        {
            list.Add(value);
        }
    }
}
