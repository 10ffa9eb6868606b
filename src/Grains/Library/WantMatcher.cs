using Swarmgrid.Data.Library;

namespace Swarmgrid.Grains.Library;

/// <summary>
/// A want matches an item of its content type whose words (title, name, file names) hold every word of the want's
/// query as a prefix, as the library's search does.
/// </summary>
public static class WantMatcher
{
    public static bool Matches(WantRecord want, string contentType, IReadOnlyCollection<string> itemWords)
    {
        if (!string.Equals(want.ContentType, contentType, StringComparison.Ordinal))
        {
            return false;
        }
        var wanted = LibraryWords.Query(want.Query);
        return wanted.Count > 0 && wanted.All(word => itemWords.Any(w => w.StartsWith(word, StringComparison.Ordinal)));
    }
}
