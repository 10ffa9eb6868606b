using System.Text;

namespace Swarmgrid.BitTorrent.Creation;

/// <summary>
/// Lists the files under a folder in the order BEP 52 file trees imply: path segment by segment, comparing the
/// segments' UTF-8 bytes (libtorrent uses the same order for v2 and hybrid torrents). Symbolic links are skipped.
/// </summary>
internal static class SourceScanner
{
    public static List<SourceFile> Scan(string folder)
    {
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = true,
            AttributesToSkip = FileAttributes.ReparsePoint,
            IgnoreInaccessible = false,
            ReturnSpecialDirectories = false,
        };
        var files = new DirectoryInfo(folder).EnumerateFiles("*", options)
            .Select(info => Describe(info, Path.GetRelativePath(folder, info.FullName).Split(Path.DirectorySeparatorChar)))
            .ToList();
        files.Sort(CompareBySegments);
        return files;
    }

    public static SourceFile Describe(FileInfo info, string[] relativePath) =>
        new(info.FullName, relativePath, info.Length, IsExecutable(info.FullName));

    private static bool IsExecutable(string path) =>
        !OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & UnixFileMode.UserExecute) != 0;

    private static int CompareBySegments(SourceFile a, SourceFile b)
    {
        for (var i = 0; i < Math.Min(a.RelativePath.Length, b.RelativePath.Length); i++)
        {
            var order = Encoding.UTF8.GetBytes(a.RelativePath[i]).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b.RelativePath[i]));
            if (order != 0)
            {
                return order;
            }
        }
        return a.RelativePath.Length.CompareTo(b.RelativePath.Length);
    }
}
