using Swarmgrid.GrainInterfaces.Library;
namespace Swarmgrid.Grains.Library;

/// <summary>
/// A torrent's content type from its files (the kind holding most bytes) and its release name (episode markers,
/// years, video, music and book tags, game groups); with no files (a magnet link) from the name alone.
/// </summary>
public static class ContentClassifier
{
    private const string Video = "video";

    public static string Classify(string name, IReadOnlyList<(string Path, long Size)> files)
    {
        var bytesByKind = files
            .Select(f => (Kind: FileNames.KindOf(f.Path), f.Size))
            .Where(f => f.Kind is not null)
            .GroupBy(f => f.Kind!)
            .ToDictionary(g => g.Key, g => g.Sum(f => Math.Max(f.Size, 1)));
        var kind = bytesByKind.Count > 0 ? bytesByKind.MaxBy(k => k.Value).Key : FromName(name) ?? (files.Count == 1 ? FromName(files[0].Path) : null);
        return kind switch
        {
            Video => IsSeries(name, files) ? ContentTypes.Tv : ContentTypes.Movie,
            ContentTypes.Software when ReleaseName.IsGameRelease(name) => ContentTypes.Game,
            null => ReleaseName.IsGameRelease(name) ? ContentTypes.Game : ContentTypes.Other,
            _ => kind,
        };
    }

    private static bool IsSeries(string name, IReadOnlyList<(string Path, long Size)> files) =>
        ReleaseName.HasEpisode(name)
        || files.Count(f => FileNames.KindOf(f.Path) == Video && ReleaseName.HasEpisode(f.Path[(f.Path.LastIndexOf('/') + 1)..])) >= 1;

    /// <summary>What a name alone suggests; null when it says nothing.</summary>
    private static string? FromName(string name)
    {
        if (FileNames.KindOf(name) is { } byExtension)
        {
            return byExtension;
        }
        if (ReleaseName.IsGameRelease(name))
        {
            return ContentTypes.Game;
        }
        if (ReleaseName.HasEpisode(name) && ReleaseName.VideoTagCount(name) > 0)
        {
            return Video;
        }
        if (ReleaseName.VideoTagCount(name) >= 1 && ReleaseName.HasYear(name))
        {
            return Video;
        }
        if (ReleaseName.HasMusicTag(name))
        {
            return ContentTypes.Music;
        }
        if (ReleaseName.HasBookTag(name))
        {
            return ContentTypes.Ebook;
        }
        return ReleaseName.VideoTagCount(name) >= 2 ? Video : null;
    }
}
