using System.Globalization;
using Swarmgrid.TestSupport;

namespace Swarmgrid.BitTorrent.Tests.Client;

/// <summary>libtorrent (python3-libtorrent) seeding one torrent on 127.0.0.1 with DHT, LSD and port mapping off.</summary>
public static class LibtorrentSeed
{
    /// <summary>Printed once the torrent has checked its data and is seeding.</summary>
    public const string ReadyLine = "seeding";

    private const string Script = """
        import sys, time, libtorrent as lt
        torrent, directory, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
        ses = lt.session({
            'listen_interfaces': '127.0.0.1:%d' % port,
            'allow_multiple_connections_per_ip': True,
            'enable_dht': False, 'enable_lsd': False, 'enable_upnp': False, 'enable_natpmp': False,
            'listen_system_port_fallback': False, 'max_retry_port_bind': 0,
        })
        h = ses.add_torrent({'ti': lt.torrent_info(torrent), 'save_path': directory})
        deadline = time.time() + 60
        while not h.status().is_seeding:
            if time.time() > deadline:
                print('not seeding: %s' % h.status().state, flush=True)
                sys.exit(1)
            time.sleep(0.1)
        print('seeding', flush=True)
        while True:
            time.sleep(1)
        """;

    /// <summary>Starts seeding; returns the process and the port it listens on.</summary>
    public static (SeedProcess Process, int Port) Start(string torrentPath, string directory)
    {
        var port = FreePort.Next();
        var process = SeedProcess.Start("/usr/bin/python3", ["-c", Script, torrentPath, directory, port.ToString(CultureInfo.InvariantCulture)], ReadyLine);
        return (process, port);
    }
}
