using System.Net;
using System.Security.Cryptography;
using Swarmgrid.BitTorrent.Client;
using Swarmgrid.BitTorrent.Creation;
using Swarmgrid.BitTorrent.Metainfo;
using Swarmgrid.BitTorrent.Tests.Interop;
using Swarmgrid.BitTorrent.Tracker;

namespace Swarmgrid.BitTorrent.Tests.Client;

/// <summary>What the loopback interop tests share: a listening engine, a sample torrent on disk, hashes.</summary>
internal static class InteropTorrents
{
    public static ClientEngine LoopbackEngine()
    {
        var engine = new ClientEngine(new EngineSettings { ListenAddress = IPAddress.Loopback });
        engine.StartListening();
        return engine;
    }

    public static TrackerHash Hash(Torrent torrent) => TrackerHash.FromBytes(torrent.InfoHashes.Primary.Span);

    /// <summary>Writes <c>data.bin</c> of <paramref name="size"/> bytes and a torrent of it announcing to <paramref name="tracker"/>.</summary>
    public static async Task<(Torrent Torrent, string Path)> CreateAsync(
        TempDirectory directory, LoopbackTracker tracker, int size, TorrentVersion version, int pieceLength)
    {
        SampleData.WriteFile(directory.Combine("data.bin"), size, 7);
        var created = await TorrentCreator.CreateAsync(directory.Combine("data.bin"),
            new TorrentCreationOptions { Version = version, AnnounceTiers = [[tracker.AnnounceUrl]], PieceLength = pieceLength });
        var path = directory.Combine("data.torrent");
        await File.WriteAllBytesAsync(path, created.Bytes);
        return (created.Torrent, path);
    }

    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(stream));
    }
}
