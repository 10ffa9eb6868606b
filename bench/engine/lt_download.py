"""Downloads a torrent from one loopback peer with libtorrent; exits 0 once seeding, 1 on timeout."""
import sys
import time

import libtorrent as lt

torrent_path, save_path, peer_port, timeout = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
session = lt.session({
    "listen_interfaces": "127.0.0.1:0",
    "enable_dht": False,
    "enable_lsd": False,
    "enable_upnp": False,
    "enable_natpmp": False,
    "allow_multiple_connections_per_ip": True,
    "alert_mask": 0,
})
handle = session.add_torrent({"ti": lt.torrent_info(torrent_path), "save_path": save_path})
handle.connect_peer(("127.0.0.1", peer_port))
deadline = time.monotonic() + timeout
while not handle.status().is_seeding:
    if time.monotonic() > deadline:
        sys.exit(1)
    time.sleep(0.05)
