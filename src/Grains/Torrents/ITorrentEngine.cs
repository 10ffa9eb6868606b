using Swarmgrid.GrainInterfaces.Torrents;

namespace Swarmgrid.Grains.Torrents;

/// <summary>
/// The BitTorrent engine of this silo, as torrent grains see it: torrents are named by their grain key. The silo
/// registers one instance; nothing here crosses silos.
/// </summary>
public interface ITorrentEngine
{
    /// <summary>Where torrents are saved when their source names no folder.</summary>
    string DefaultSavePath { get; }

    /// <summary>Reads a source's key (lower-case hex info-hash) and display name.</summary>
    /// <exception cref="ArgumentException">The source holds no valid torrent or magnet link.</exception>
    EngineTorrentIdentity Identify(byte[]? metainfo, string? magnetUri);

    /// <summary>Puts the torrent in the engine (when absent) with these settings, and starts or stops it to match.</summary>
    Task ApplyAsync(string key, EngineTorrentSpec spec);

    /// <summary>Takes the torrent out of the engine, keeping its data and resume file for the next activation.</summary>
    Task UnloadAsync(string key);

    /// <summary>Takes the torrent out of the engine for good, deleting its data when asked.</summary>
    Task RemoveAsync(string key, bool deleteData);

    /// <summary>Hashes the torrent's data again.</summary>
    Task RecheckAsync(string key);

    /// <summary>Moves the torrent in the engine's queue; its new position.</summary>
    Task<int> MoveAsync(string key, QueueMove move);

    /// <summary>
    /// The torrent's .torrent bytes once its metadata is known (for a magnet link, once fetched from peers); null
    /// while it is not, or when the torrent is not in the engine.
    /// </summary>
    byte[]? GetMetainfo(string key);

    /// <summary>Live figures; null when the torrent is not in the engine.</summary>
    EngineTorrentFigures? GetFigures(string key);

    /// <summary>The keys of the torrents in the engine.</summary>
    IReadOnlyCollection<string> Loaded { get; }
}

/// <summary>A torrent's key and the name to show before its metadata is known.</summary>
public sealed record EngineTorrentIdentity(string Key, string Name);

/// <summary>What the engine needs to run a torrent: its source, folder and the user's choices.</summary>
public sealed record EngineTorrentSpec(
    byte[]? Metainfo,
    string? MagnetUri,
    string SavePath,
    IReadOnlyList<int> FilePriorities,
    bool Paused,
    bool ForceStart,
    int QueuePosition);

/// <summary>A torrent's live figures in the engine.</summary>
public sealed record EngineTorrentFigures(
    string Name,
    string State,
    long TotalBytes,
    long BytesDone,
    double Progress,
    long DownloadRate,
    long UploadRate,
    long Downloaded,
    long Uploaded,
    int Peers,
    int Seeds,
    bool Completed,
    int QueuePosition,
    bool ForceStart,
    bool Queued,
    bool Verifying,
    bool FilesMissing,
    int VerifiedPieces,
    int PieceCount,
    string? Error);
