using System.Globalization;

namespace Swarmgrid.WebFront.Faces.Client.Updater;

/// <summary>
/// A semantic version (semver.org 2.0: <c>MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]</c>, a leading <c>v</c> allowed),
/// ordered by semver precedence: build metadata is ignored and a pre-release sorts before its release.
/// </summary>
public sealed record ReleaseVersion(long Major, long Minor, long Patch, IReadOnlyList<string> PreRelease) : IComparable<ReleaseVersion>
{
    public static bool TryParse(string? text, out ReleaseVersion version)
    {
        version = null!;
        if (string.IsNullOrEmpty(text) || text.Length > 128)
        {
            return false;
        }
        var rest = text.StartsWith('v') || text.StartsWith('V') ? text[1..] : text;
        if (rest.IndexOf('+') is var plus and >= 0)
        {
            if (!Identifiers(rest[(plus + 1)..], numericRule: false, out _))
            {
                return false;
            }
            rest = rest[..plus];
        }
        IReadOnlyList<string> preRelease = [];
        if (rest.IndexOf('-') is var dash and >= 0)
        {
            if (!Identifiers(rest[(dash + 1)..], numericRule: true, out preRelease))
            {
                return false;
            }
            rest = rest[..dash];
        }
        var core = rest.Split('.');
        if (core.Length != 3 || !core.All(NumericIdentifier))
        {
            return false;
        }
        version = new ReleaseVersion(long.Parse(core[0], CultureInfo.InvariantCulture), long.Parse(core[1], CultureInfo.InvariantCulture),
            long.Parse(core[2], CultureInfo.InvariantCulture), preRelease);
        return true;
    }

    public int CompareTo(ReleaseVersion? other)
    {
        if (other is null)
        {
            return 1;
        }
        var core = (Major, Minor, Patch).CompareTo((other.Major, other.Minor, other.Patch));
        if (core != 0)
        {
            return core;
        }
        if (PreRelease.Count == 0 || other.PreRelease.Count == 0)
        {
            // A release follows its pre-releases.
            return PreRelease.Count == other.PreRelease.Count ? 0 : PreRelease.Count == 0 ? 1 : -1;
        }
        for (var i = 0; i < Math.Min(PreRelease.Count, other.PreRelease.Count); i++)
        {
            var (mine, theirs) = (PreRelease[i], other.PreRelease[i]);
            var mineNumeric = long.TryParse(mine, NumberStyles.None, CultureInfo.InvariantCulture, out var a);
            var theirsNumeric = long.TryParse(theirs, NumberStyles.None, CultureInfo.InvariantCulture, out var b);
            var order = (mineNumeric, theirsNumeric) switch
            {
                (true, true) => a.CompareTo(b),
                (true, false) => -1,
                (false, true) => 1,
                _ => string.CompareOrdinal(mine, theirs),
            };
            if (order != 0)
            {
                return order;
            }
        }
        return PreRelease.Count.CompareTo(other.PreRelease.Count);
    }

    public bool Equals(ReleaseVersion? other) => other is not null && CompareTo(other) == 0;

    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);

    public static bool operator >(ReleaseVersion left, ReleaseVersion right) => left.CompareTo(right) > 0;

    public static bool operator <(ReleaseVersion left, ReleaseVersion right) => left.CompareTo(right) < 0;

    public static bool operator >=(ReleaseVersion left, ReleaseVersion right) => left.CompareTo(right) >= 0;

    public static bool operator <=(ReleaseVersion left, ReleaseVersion right) => left.CompareTo(right) <= 0;

    /// <summary><c>v1.2.3</c> or <c>v1.2.3-beta.1</c>: safe as a folder name (no build metadata, no separators).</summary>
    public override string ToString() =>
        PreRelease.Count == 0 ? $"v{Major}.{Minor}.{Patch}" : $"v{Major}.{Minor}.{Patch}-{string.Join('.', PreRelease)}";

    private static bool NumericIdentifier(string part) =>
        part.Length is > 0 and <= 18 && part.All(char.IsAsciiDigit) && (part.Length == 1 || part[0] != '0');

    private static bool Identifiers(string text, bool numericRule, out IReadOnlyList<string> parts)
    {
        parts = text.Split('.');
        return parts.All(p => p.Length > 0 && p.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')
            && (!numericRule || !p.All(char.IsAsciiDigit) || NumericIdentifier(p)));
    }
}
