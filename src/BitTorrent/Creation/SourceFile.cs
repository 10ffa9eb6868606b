namespace Swarmgrid.BitTorrent.Creation;

/// <summary>A file on disk going into a torrent, with its path inside the torrent (below the torrent's name).</summary>
internal sealed record SourceFile(string FullPath, string[] RelativePath, long Length, bool IsExecutable);
