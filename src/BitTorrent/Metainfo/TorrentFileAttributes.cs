namespace Swarmgrid.BitTorrent.Metainfo;

/// <summary>The BEP 47 <c>attr</c> letters of a file.</summary>
[Flags]
public enum TorrentFileAttributes
{
    None = 0,

    /// <summary><c>p</c>: zeros that only align the next file to a piece boundary; never written to disk.</summary>
    Pad = 1,

    /// <summary><c>x</c>.</summary>
    Executable = 2,

    /// <summary><c>h</c>.</summary>
    Hidden = 4,

    /// <summary><c>l</c>: the file is a symbolic link to <see cref="TorrentFile.SymlinkPath"/>.</summary>
    Symlink = 8,
}

internal static class TorrentFileAttributesText
{
    public static TorrentFileAttributes Read(Bencoding.BDictionary entry, string where) =>
        Fields.Optional<Bencoding.BString>(entry, "attr", where) is { } attr ? Parse(attr.Span) : TorrentFileAttributes.None;

    public static TorrentFileAttributes Parse(ReadOnlySpan<byte> letters)
    {
        var result = TorrentFileAttributes.None;
        foreach (var letter in letters)
        {
            result |= letter switch
            {
                (byte)'p' => TorrentFileAttributes.Pad,
                (byte)'x' => TorrentFileAttributes.Executable,
                (byte)'h' => TorrentFileAttributes.Hidden,
                (byte)'l' => TorrentFileAttributes.Symlink,
                _ => TorrentFileAttributes.None,
            };
        }
        return result;
    }

    public static string Format(TorrentFileAttributes attributes) =>
        (attributes.HasFlag(TorrentFileAttributes.Executable) ? "x" : "")
        + (attributes.HasFlag(TorrentFileAttributes.Hidden) ? "h" : "")
        + (attributes.HasFlag(TorrentFileAttributes.Symlink) ? "l" : "")
        + (attributes.HasFlag(TorrentFileAttributes.Pad) ? "p" : "");
}
