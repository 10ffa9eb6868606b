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

    /// <summary>Reads a source's key (lower-case hex info-hash), display name, magnet link and file count.</summary>
    /// <exception cref="ArgumentException">The source holds no valid torrent or magnet link.</exception>
    EngineTorrentIdentity Identify(byte[]? metainfo, string? magnetUri);

    /// <summary>
    /// Puts the torrent in the engine (when absent) with these settings, and runs it when it is neither paused nor held
    /// back by the cluster's queue (<see cref="EngineTorrentSpec.Granted"/>), stopping it otherwise.
    /// </summary>
    Task ApplyAsync(string key, EngineTorrentSpec spec);

    /// <summary>Takes the torrent out of the engine, keeping its data and resume file for the next activation.</summary>
    Task UnloadAsync(string key);

    /// <summary>Takes the torrent out of the engine for good, deleting its data when asked.</summary>
    Task RemoveAsync(string key, bool deleteData);

    /// <summary>Hashes the torrent's data again.</summary>
    Task RecheckAsync(string key);

    /// <summary>
    /// The torrent's .torrent bytes once its metadata is known (for a magnet link, once fetched from peers); null
    /// while it is not, or when the torrent is not in the engine.
    /// </summary>
    byte[]? GetMetainfo(string key);

    /// <summary>Live figures; null when the torrent is not in the engine.</summary>
    EngineTorrentFigures? GetFigures(string key);

    /// <summary>Files (with the given priorities), peers and trackers as <paramref name="parts"/> asks; null when the torrent is not in the engine.</summary>
    TorrentDetail? GetDetail(string key, DetailParts parts, IReadOnlyList<int> filePriorities);

    /// <summary>The keys of the torrents in the engine.</summary>
    IReadOnlyCollection<string> Loaded { get; }
}

/// <summary>
/// A torrent's key, the name to show before its metadata is known, a magnet link for it (the given one for a magnet),
/// and its file count (null while unknown).
/// </summary>
public sealed record EngineTorrentIdentity(string Key, string Name, string Magnet, int? FileCount);

/// <summary>
/// What the engine needs to run a torrent: its source, folder and the user's choices; <see cref="Granted"/> says the
/// cluster's queue lets it run (a torrent neither paused nor granted waits as Queued).
/// </summary>
public sealed record EngineTorrentSpec(
    byte[]? Metainfo,
    string? MagnetUri,
    string SavePath,
    IReadOnlyList<int> FilePriorities,
    bool Paused,
    bool Granted);

/// <summary>
/// A torrent's live figures in the engine. <see cref="Downloaded"/> and <see cref="Uploaded"/> count since it was put in
/// this engine. <see cref="Checked"/> says the data has been checked since (so <see cref="BytesDone"/> and
/// <see cref="Completed"/>, every wanted piece verified, are known); before that <see cref="TotalBytes"/> is the size of
/// the wanted files.
/// </summary>
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
    bool Checked,
    bool Completed,
    bool Queued,
    bool Verifying,
    bool FilesMissing,
    int VerifiedPieces,
    int PieceCount,
    string? Error);
