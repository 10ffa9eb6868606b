using Swarmgrid.GrainInterfaces.Library;

namespace Swarmgrid.WebFront.Faces.Library.Torznab;

/// <summary>The Newznab categories the library's content types map to, and back.</summary>
public static class TorznabCategories
{
    public static readonly IReadOnlyList<(int Id, string Name, string ContentType)> All =
    [
        (2000, "Movies", ContentTypes.Movie),
        (3000, "Audio", ContentTypes.Music),
        (4000, "PC", ContentTypes.Software),
        (4050, "PC/Games", ContentTypes.Game),
        (5000, "TV", ContentTypes.Tv),
        (7000, "Books", ContentTypes.Ebook),
        (8000, "Other", ContentTypes.Other),
        (8010, "Other/Datasets", ContentTypes.Dataset),
        (8020, "Other/Models", ContentTypes.Model),
    ];

    public static int IdOf(string contentType) => All.First(c => c.ContentType == contentType).Id;

    /// <summary>The content types a category asks for: a parent (2000) takes its subcategories (2040), 4000 holds games as well.</summary>
    public static IEnumerable<string> ContentTypesOf(int category) => category switch
    {
        >= 1000 and < 2000 or 4050 => [ContentTypes.Game],
        >= 2000 and < 3000 => [ContentTypes.Movie],
        >= 3000 and < 4000 => [ContentTypes.Music],
        4000 => [ContentTypes.Software, ContentTypes.Game],
        > 4000 and < 5000 => [ContentTypes.Software],
        >= 5000 and < 6000 => [ContentTypes.Tv],
        >= 7000 and < 8000 => [ContentTypes.Ebook],
        8000 => [ContentTypes.Other, ContentTypes.Dataset, ContentTypes.Model],
        8010 => [ContentTypes.Dataset],
        8020 => [ContentTypes.Model],
        >= 8000 and < 9000 => [ContentTypes.Other],
        _ => [],
    };
}
