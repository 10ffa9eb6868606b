using Swarmgrid.BitTorrent.Metainfo;

namespace Swarmgrid.BitTorrent.Creation;

/// <summary>Makes v1, v2 or hybrid .torrent files from a file or a folder.</summary>
public static class TorrentCreator
{
    /// <summary>
    /// Hashes <paramref name="path"/> (a file, or a folder with everything below it) and returns the .torrent bytes and
    /// the loaded torrent. <paramref name="progress"/> receives the number of data bytes hashed so far.
    /// </summary>
    /// <exception cref="ArgumentException">Bad options, or nothing to share (no non-empty files).</exception>
    public static Task<CreatedTorrent> CreateAsync(string path, TorrentCreationOptions? options = null, IProgress<long>? progress = null,
        CancellationToken cancellationToken = default)
    {
        options ??= new TorrentCreationOptions();
        return Task.Run(() => Create(path, options, progress, cancellationToken), cancellationToken);
    }

    private static CreatedTorrent Create(string path, TorrentCreationOptions options, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var fullPath = System.IO.Path.GetFullPath(path).TrimEnd(System.IO.Path.DirectorySeparatorChar);
        var isSingleFile = File.Exists(fullPath);
        if (!isSingleFile && !Directory.Exists(fullPath))
        {
            throw new FileNotFoundException($"{path} is neither a file nor a folder", path);
        }
        var name = System.IO.Path.GetFileName(fullPath);
        var files = isSingleFile
            ? [SourceScanner.Describe(new FileInfo(fullPath), [name])]
            : SourceScanner.Scan(fullPath);
        var totalSize = files.Sum(f => f.Length);
        if (totalSize == 0)
        {
            throw new ArgumentException($"{path} has no data to share", nameof(path));
        }

        var pieceLength = options.PieceLength ?? PieceLengthChooser.Choose(totalSize);
        if (pieceLength < PieceLengthChooser.Minimum || !int.IsPow2(pieceLength))
        {
            throw new ArgumentException($"piece length {pieceLength} is not a power of two of at least 16 KiB", nameof(options));
        }
        var v1 = options.Version != TorrentVersion.V2;
        var v2 = options.Version != TorrentVersion.V1;
        // A single file needs no alignment, and a v1 single-file torrent has no list to put a pad file in.
        var layout = StreamLayout.Build(files, pieceLength, alignFiles: v2 && !isSingleFile);
        var hashes = PieceHasher.Hash(layout, v1, v2, options.MaxDegreeOfParallelism, progress, cancellationToken);
        var bytes = new MetainfoBuilder(name, isSingleFile, layout, hashes, options).Build().Encode();
        return new CreatedTorrent(bytes, Torrent.Load(bytes));
    }
}
