using System.Text;

namespace Swarmgrid.Data.Library;

/// <summary>
/// Text as lower-case words of letters and digits: what the search index holds and what a query is split into, so
/// "Some.Movie.2026.2160p" and "some movie 2026" meet, and no query character reaches FTS5 or tsquery syntax.
/// </summary>
public static class LibraryWords
{
    public const int MaxQueryWords = 16;

    public static IReadOnlyList<string> Split(string? text)
    {
        var words = new List<string>();
        if (string.IsNullOrEmpty(text))
        {
            return words;
        }
        var word = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToLowerInvariant(c));
            }
            else if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }
        if (word.Length > 0)
        {
            words.Add(word.ToString());
        }
        return words;
    }

    public static string Join(IEnumerable<string?> texts) => string.Join(' ', texts.SelectMany(Split).Distinct());

    /// <summary>The distinct words of a query, at most <see cref="MaxQueryWords"/>.</summary>
    public static IReadOnlyList<string> Query(string? query) => Split(query).Distinct().Take(MaxQueryWords).ToList();
}
