"""Downloads a torrent with libtorrent on loopback; exits 0 once seeding, 1 on timeout.

Arguments: TORRENT SAVE_PATH PEER_PORT TIMEOUT [ENCRYPTION]. PEER_PORT 0 leaves finding peers to the torrent's
tracker; ENCRYPTION "require" forces RC4 both ways (libtorrent's pe_forced with pe_rc4), anything else is the default.
"""
import sys
import time

import libtorrent as lt

torrent_path, save_path, peer_port, timeout = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
encryption = sys.argv[5] if len(sys.argv) > 5 else "default"
settings = {
    "listen_interfaces": "127.0.0.1:0",
    "enable_dht": False,
    "enable_lsd": False,
    "enable_upnp": False,
    "enable_natpmp": False,
    "allow_multiple_connections_per_ip": True,
    "alert_mask": 0,
}
if encryption == "require":
    settings.update({"out_enc_policy": 0, "in_enc_policy": 0, "allowed_enc_level": 2})
session = lt.session(settings)
handle = session.add_torrent({"ti": lt.torrent_info(torrent_path), "save_path": save_path})
if peer_port:
    handle.connect_peer(("127.0.0.1", peer_port))
deadline = time.monotonic() + timeout
while not handle.status().is_seeding:
    if time.monotonic() > deadline:
        sys.exit(1)
    time.sleep(0.05)
