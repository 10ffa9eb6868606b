namespace Swarmgrid.Grains.Torrents;

/// <summary>A torrent's data on disk: its one file or its folder, named as the torrent, inside the save folder.</summary>
public static class TorrentData
{
    /// <summary>
    /// Moves <paramref name="name"/> from <paramref name="from"/> into <paramref name="to"/> (across file systems too);
    /// nothing to move is no error. Throws <see cref="IOException"/> when something of that name is already there.
    /// </summary>
    public static void Move(string from, string to, string name)
    {
        Directory.CreateDirectory(to);
        if (name.Length == 0 || name.Contains('/', StringComparison.Ordinal) || name is "." or "..")
        {
            return;
        }
        var (source, target) = (Path.Combine(from, name), Path.Combine(to, name));
        if (File.Exists(source))
        {
            File.Move(source, target, overwrite: false);
        }
        else if (Directory.Exists(source))
        {
            if (Directory.Exists(target) || File.Exists(target))
            {
                throw new IOException($"{target} already exists");
            }
            MoveFolder(source, target);
        }
    }

    private static void MoveFolder(string source, string target)
    {
        try
        {
            Directory.Move(source, target);
        }
        catch (IOException) when (!Directory.Exists(target))
        {
            // Another file system: move file by file.
            Directory.CreateDirectory(target);
            foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            {
                var destination = Path.Combine(target, Path.GetRelativePath(source, file));
                Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                File.Move(file, destination, overwrite: false);
            }
            Directory.Delete(source, recursive: true);
        }
    }
}
