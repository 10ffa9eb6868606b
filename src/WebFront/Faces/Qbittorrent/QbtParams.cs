using System.Globalization;
using Microsoft.Extensions.Primitives;

namespace Swarmgrid.WebFront.Faces.Qbittorrent;

/// <summary>
/// A request's parameters as qBittorrent reads them: the query string and, for a form post, the form (the form wins).
/// Bound by minimal APIs; a form body that cannot be read binds to nothing, which answers 400.
/// </summary>
public sealed class QbtParams(IQueryCollection query, IFormCollection? form)
{
    /// <summary>The cap on a form (the multipart <c>torrents</c> of an add included).</summary>
    public const long MaxForm = 10 << 20;

    public IFormFileCollection Files => form?.Files ?? new FormFileCollection();

    public static async ValueTask<QbtParams?> BindAsync(HttpContext context)
    {
        var request = context.Request;
        if (!request.HasFormContentType)
        {
            return new QbtParams(request.Query, null);
        }
        try
        {
            return new QbtParams(request.Query, await request.ReadFormAsync(context.RequestAborted));
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException or InvalidOperationException)
        {
            return null;
        }
    }

    public string? this[string name]
    {
        get
        {
            var value = form is not null && form.TryGetValue(name, out var posted) ? posted : StringValues.Empty;
            if (StringValues.IsNullOrEmpty(value) && query.TryGetValue(name, out var queried))
            {
                value = queried;
            }
            return value.Count == 0 ? null : value.ToString();
        }
    }

    public bool Has(string name) => this[name] is not null;

    /// <summary>qBittorrent's booleans: <c>true</c> in any case; anything else is false; null when absent or unreadable.</summary>
    public bool? Bool(string name) => this[name] is { } text
        ? text.Trim().Equals("true", StringComparison.OrdinalIgnoreCase) ? true
            : text.Trim().Equals("false", StringComparison.OrdinalIgnoreCase) ? false
            : null
        : null;

    public long? Long(string name) =>
        long.TryParse(this[name], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;

    public double? Double(string name) =>
        double.TryParse(this[name], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : null;

    /// <summary>
    /// The <c>hashes</c> parameter: <c>all</c>, or lower-cased hex info-hashes separated by <c>|</c>; null when absent.
    /// Entries that are no info-hash are dropped (they name no torrent).
    /// </summary>
    public QbtHashes? Hashes(string name = "hashes")
    {
        if (this[name] is not { } text)
        {
            return null;
        }
        if (text.Trim().Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            return new QbtHashes(true, []);
        }
        var keys = text.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(h => h.ToLowerInvariant())
            .Where(h => h.Length is 40 or 64 && h.All(char.IsAsciiHexDigit))
            .Distinct()
            .ToList();
        return new QbtHashes(false, keys);
    }

    /// <summary>A comma-separated list (tags), trimmed, without empties.</summary>
    public IReadOnlyList<string> List(string name, char separator = ',') =>
        (this[name] ?? "").Split(separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
}

/// <summary>The torrents a bulk action names: all of them, or these keys.</summary>
public sealed record QbtHashes(bool All, IReadOnlyList<string> Keys)
{
    public bool Includes(string key) => All || Keys.Contains(key);
}
