using Swarmgrid.Hosting;

namespace Swarmgrid.Identity;

/// <summary>Where a browser may be sent after a form login: a path on this site, or <c>/</c>.</summary>
public static class LocalRedirect
{
    private const int MaxLength = 2048;

    /// <summary>
    /// <paramref name="requested"/> when it is a local path (one leading <c>/</c>, no control characters, whitespace or
    /// backslashes, which browsers drop or turn into <c>/</c> and so into another host); otherwise <c>/</c>.
    /// </summary>
    public static string Target(string? requested) =>
        requested is { Length: > 0 and <= MaxLength } path
        && path[0] == '/'
        && (path.Length == 1 || (path[1] != '/' && path[1] != '\\'))
        && !path.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c == '\\')
        && Uri.TryCreate(path, UriKind.Relative, out _)
            ? path
            : "/";
}
