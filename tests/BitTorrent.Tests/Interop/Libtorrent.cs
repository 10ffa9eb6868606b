using Swarmgrid.TestSupport;

namespace Swarmgrid.BitTorrent.Tests.Interop;

/// <summary>libtorrent-rasterbar through the Debian python3-libtorrent bindings.</summary>
public static class Libtorrent
{
    private const string Python = "/usr/bin/python3";

    private const string CreateScript = """
        import sys, os, libtorrent as lt
        path, out, mode, piece = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
        fs = lt.file_storage()
        lt.add_files(fs, path)
        flags = {'v1': lt.create_torrent.v1_only, 'v2': lt.create_torrent.v2_only, 'hybrid': 0}[mode]
        t = lt.create_torrent(fs, piece, flags=flags)
        t.add_tracker('http://tracker.example/announce')
        t.set_comment('made by libtorrent')
        lt.set_piece_hashes(t, os.path.dirname(os.path.abspath(path)))
        open(out, 'wb').write(lt.bencode(t.generate()))
        """;

    private const string HashesScript = """
        import sys, libtorrent as lt
        ti = lt.torrent_info(sys.argv[1])
        ih = ti.info_hashes()
        print(str(ih.v1) if ih.has_v1() else '-', str(ih.v2) if ih.has_v2() else '-', ti.num_files(), ti.num_pieces(), ti.total_size())
        """;

    private static readonly Lazy<bool> Present = new(() =>
    {
        if (!File.Exists(Python))
        {
            return false;
        }
        try
        {
            ExternalCommand.RunAsync(Python, ["-c", "import libtorrent"]).GetAwaiter().GetResult();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    });

    public static void Require() =>
        TestEnvironment.Require(Present.Value, "libtorrent Python bindings not found (apt-get install python3-libtorrent)");

    /// <summary>Creates a torrent of <paramref name="path"/> with libtorrent; mode is v1, v2 or hybrid.</summary>
    public static Task CreateAsync(string path, string output, string mode, int pieceLength) =>
        ExternalCommand.RunAsync(Python, ["-c", CreateScript, path, output, mode, pieceLength.ToString()]);

    /// <summary>What libtorrent reads from a .torrent: hex hashes ("-" for none), file count (pads included), piece count, size.</summary>
    public static async Task<LibtorrentView> ReadAsync(string torrentPath)
    {
        var parts = (await ExternalCommand.RunAsync(Python, ["-c", HashesScript, torrentPath])).Trim().Split(' ');
        return new LibtorrentView(
            parts[0] == "-" ? null : parts[0],
            parts[1] == "-" ? null : parts[1],
            int.Parse(parts[2]),
            int.Parse(parts[3]),
            long.Parse(parts[4]));
    }
}

public sealed record LibtorrentView(string? V1, string? V2, int FileCount, int PieceCount, long TotalSize);
