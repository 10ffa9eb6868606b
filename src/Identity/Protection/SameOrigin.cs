namespace Swarmgrid.Identity;

/// <summary>
/// Whether a browser request comes from this site: its <c>Origin</c>, or else its <c>Referer</c>, names this scheme and
/// host. A request with neither passes (SameSite=Strict keeps cookies off cross-site requests, and non-browser clients
/// send neither).
/// </summary>
public static class SameOrigin
{
    public static bool Holds(HttpRequest request)
    {
        var expected = $"{request.Scheme}://{request.Host}";
        var origin = request.Headers.Origin.ToString();
        var referer = request.Headers.Referer.ToString();
        return origin.Length > 0
            ? string.Equals(origin, expected, StringComparison.OrdinalIgnoreCase)
            : referer.Length == 0 || (Uri.TryCreate(referer, UriKind.Absolute, out var uri)
                && string.Equals(uri.GetLeftPart(UriPartial.Authority), expected, StringComparison.OrdinalIgnoreCase));
    }
}
