namespace Swarmgrid.BitTorrent.Tests.Interop;

/// <summary>Writes reproducible pseudo-random files so tests know what they hash.</summary>
public static class SampleData
{
    public static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public static string WriteFile(string path, int length, int seed)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, Bytes(length, seed));
        return path;
    }

    /// <summary>
    /// A folder with files of awkward sizes (empty, one byte, block and piece boundaries ±1, nested folders,
    /// names that sort differently by segment than by whole path).
    /// </summary>
    public static string WriteFolder(string root, string name = "content")
    {
        var folder = Path.Combine(root, name);
        WriteFile(Path.Combine(folder, "a.bin"), 100_000, 1);
        WriteFile(Path.Combine(folder, "a-b", "x.dat"), 16_385, 2);
        WriteFile(Path.Combine(folder, "a", "x.dat"), 32_768, 3);
        WriteFile(Path.Combine(folder, "B", "deep", "z.txt"), 1, 4);
        WriteFile(Path.Combine(folder, "empty.txt"), 0, 5);
        WriteFile(Path.Combine(folder, "big.bin"), 300_001, 6);
        return folder;
    }
}
