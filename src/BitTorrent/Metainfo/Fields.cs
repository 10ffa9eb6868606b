using Swarmgrid.BitTorrent.Bencoding;

namespace Swarmgrid.BitTorrent.Metainfo;

/// <summary>Typed reads from metainfo dictionaries that fail with <see cref="TorrentFormatException"/>.</summary>
internal static class Fields
{
    public static T Required<T>(BDictionary dictionary, string key, string where) where T : BValue =>
        dictionary[key] switch
        {
            null => throw new TorrentFormatException($"{where} has no '{key}'"),
            T value => value,
            var other => throw new TorrentFormatException($"'{key}' in {where} is {Describe(other)}, expected {Describe<T>()}"),
        };

    public static T? Optional<T>(BDictionary dictionary, string key, string where) where T : BValue =>
        dictionary[key] switch
        {
            null => null,
            T value => value,
            var other => throw new TorrentFormatException($"'{key}' in {where} is {Describe(other)}, expected {Describe<T>()}"),
        };

    public static string? OptionalText(BDictionary dictionary, string key, string where) =>
        Optional<BString>(dictionary, key, where)?.Text;

    public static long NonNegative(BDictionary dictionary, string key, string where)
    {
        var value = Required<BInteger>(dictionary, key, where).Value;
        return value >= 0 ? value : throw new TorrentFormatException($"'{key}' in {where} is negative");
    }

    private static string Describe(BValue value) => value switch
    {
        BString => "a string",
        BInteger => "an integer",
        BList => "a list",
        _ => "a dictionary",
    };

    private static string Describe<T>() =>
        typeof(T) == typeof(BString) ? "a string" : typeof(T) == typeof(BInteger) ? "an integer" : typeof(T) == typeof(BList) ? "a list" : "a dictionary";
}
