using System.Text.RegularExpressions;
using Swarmgrid.GrainInterfaces.Library;

namespace Swarmgrid.Grains.Library;

/// <summary>
/// What a release name says: an episode marker, a year, video tags, music tags, a known game group; and the title
/// without the release noise ("Some.Movie.2026.2160p.WEB-DL.x265-GRP" → "Some Movie (2026)").
/// </summary>
public static partial class ReleaseName
{
    [GeneratedRegex(@"\b(S\d{1,2}E\d{1,3}(-?E\d{1,3})?|S\d{1,2}|\d{1,2}x\d{2,3}|Season[ ._-]?\d{1,2}|Episode[ ._-]?\d{1,3}|Complete[ ._-]Series)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Episode();

    [GeneratedRegex(@"(?<![0-9])(19[2-9]\d|20[0-4]\d)(?![0-9])")]
    private static partial Regex Year();

    [GeneratedRegex(@"\b(\d{3,4}[pi]|4k|uhd|web-?dl|web-?rip|web|blu-?ray|bd-?rip|br-?rip|hdtv|dvd-?rip|dvd(9|5)?|hd-?rip|remux|x\.?26[45]|h\.?26[45]|hevc|avc|xvid|divx|av1|aac(2\.0)?|ac3|e-?ac-?3|dts(-hd)?|ddp?\d\.\d|atmos|truehd|hdr(10)?|dv|10-?bit|proper|repack|internal|extended|unrated|remastered|multi|subbed|dubbed|nf|amzn|dsnp|hmax|imax)\b", RegexOptions.IgnoreCase)]
    private static partial Regex VideoTag();

    [GeneratedRegex(@"\b(flac|mp3|aac|alac|ogg|opus|320\s?kbps|v0|24-?bit|16-?bit|discography|album|ep|single|lossless|vinyl|web-flac)\b", RegexOptions.IgnoreCase)]
    private static partial Regex MusicTag();

    [GeneratedRegex(@"\b(epub|mobi|azw3|ebook|e-book|pdf|audiobook)\b", RegexOptions.IgnoreCase)]
    private static partial Regex BookTag();

    [GeneratedRegex(@"[-.](codex|skidrow|fitgirl|dodi|plaza|reloaded|empress|rune|tenoke|gog|flt|hoodlum|razor1911|elamigos|cpy|prophet|darksiders)\b|\b(fitgirl[ ._-]repack|game[ ._-]of[ ._-]the[ ._-]year|goty)\b", RegexOptions.IgnoreCase)]
    private static partial Regex GameGroup();

    [GeneratedRegex(@"^\s*[\[\(【][^\]\)】]{1,40}[\]\)】]\s*")]
    private static partial Regex LeadingTag();

    [GeneratedRegex(@"[\[\(][^\]\)]*[\]\)]")]
    private static partial Regex BracketedPart();

    [GeneratedRegex(@"-[A-Za-z0-9]{2,15}$")]
    private static partial Regex GroupSuffix();

    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex Spaces();

    public static bool HasEpisode(string name) => Episode().IsMatch(Spaced(name));

    public static bool HasYear(string name) => Year().IsMatch(name);

    public static int VideoTagCount(string name) => VideoTag().Matches(Spaced(name)).Count;

    public static bool HasMusicTag(string name) => MusicTag().IsMatch(Spaced(name));

    public static bool HasBookTag(string name) => BookTag().IsMatch(Spaced(name));

    public static bool IsGameRelease(string name) => GameGroup().IsMatch(name);

    /// <summary>The title without release noise: for films "Name (Year)", for episodes "Name S01E02", else the words before the tags.</summary>
    public static string CleanTitle(string name, string contentType)
    {
        var text = FileNames.WithoutKnownExtension(name.Trim());
        text = LeadingTag().Replace(text, "");
        if (contentType is ContentTypes.Movie or ContentTypes.Tv or ContentTypes.Music)
        {
            text = GroupSuffix().Replace(text, "");
            text = Spaced(text);
            var cut = text.Length;
            if (contentType == ContentTypes.Tv && Episode().Match(text) is { Success: true } episode)
            {
                cut = episode.Index + episode.Length;
            }
            else if (VideoTag().Match(text) is { Success: true } tag && contentType != ContentTypes.Music)
            {
                cut = tag.Index;
            }
            var head = text[..cut];
            if (contentType == ContentTypes.Movie && Year().Matches(head).LastOrDefault() is { Index: > 0 } year)
            {
                var before = BracketedPart().Replace(head[..year.Index], " ").Trim(' ', '-', '(', '[');
                return before.Length > 0 ? $"{Tidy(before)} ({year.Value})" : Tidy(head);
            }
            text = head;
        }
        else if (contentType is ContentTypes.Other or ContentTypes.Ebook)
        {
            // Software, games, datasets and models keep their names: underscores there are part of versions and quantisations.
            text = text.Replace('_', ' ');
        }
        var title = Tidy(text);
        return title.Length > 0 ? title : name.Trim();
    }

    /// <summary>Dots and underscores between words as spaces, keeping dots inside numbers ("5.1", "24.04").</summary>
    private static string Spaced(string name)
    {
        var chars = name.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (chars[i] == '_' || (chars[i] == '.' && !(i > 0 && i + 1 < chars.Length && char.IsDigit(chars[i - 1]) && char.IsDigit(chars[i + 1]))))
            {
                chars[i] = ' ';
            }
        }
        return new string(chars);
    }

    private static string Tidy(string text) => Spaces().Replace(text, " ").Trim(' ', '-', '.', '[', '(');
}
