using System.Reflection;

namespace Swarmgrid.Data;

/// <summary>The SQL files embedded in this assembly: migrations and Orleans provider statements per dialect.</summary>
internal static class SqlScripts
{
    private static readonly Assembly Assembly = typeof(SqlScripts).Assembly;

    public static IReadOnlyList<Migration> Migrations(DatabaseKind kind)
    {
        var prefix = $"{kind}/Migrations/";
        return Assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal))
            .Select(name => Migration.FromResource(name[prefix.Length..], Read(name)))
            .OrderBy(migration => migration.Version)
            .ToList();
    }

    /// <summary>Query key to statement; a dialect's own file replaces the common one of the same key.</summary>
    public static IReadOnlyDictionary<string, string> OrleansQueries(DatabaseKind kind)
    {
        var queries = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var folder in new[] { "Common", kind.ToString() })
        {
            var prefix = $"{folder}/OrleansQueries/";
            foreach (var name in Assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
            {
                queries[Path.GetFileNameWithoutExtension(name)] = Read(name);
            }
        }
        return queries;
    }

    private static string Read(string resourceName)
    {
        using var stream = Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"Embedded SQL '{resourceName}' is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
