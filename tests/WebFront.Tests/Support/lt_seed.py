# A libtorrent seed on loopback for the client face's end-to-end tests (run by /usr/bin/python3, which alone imports
# libtorrent). argv[1] is JSON: {"trackers": [URL, ...], "torrents": [{"path", "out"}], "upload_limit": bytes/s, "lifetime": s}.
# Each path (a file or a folder) becomes a v1 torrent announcing to the trackers (one tier each, in order), written to
# "out" and seeded from where it lies. Loopback peers count against the upload limit (libtorrent exempts local peers unless told otherwise).
# Prints "torrent I HASH", "listening PORT", "seeding I", "peers I EP ..."; stdin: "limit BYTES", "quit".
# Every wait is bounded: the process exits by itself after "lifetime" seconds.
import json, os, sys, threading, time
import libtorrent as lt

config = json.loads(sys.argv[1])
ses = lt.session({
    'listen_interfaces': '127.0.0.1:0',
    'allow_multiple_connections_per_ip': True,
    'enable_dht': False, 'enable_lsd': False, 'enable_upnp': False, 'enable_natpmp': False,
    'listen_system_port_fallback': False, 'max_retry_port_bind': 0, 'min_reconnect_time': 1,
    'upload_rate_limit': int(config.get('upload_limit', 0)),
    # Announce to every tracker at the interval they ask for: a tracker silo that dies loses its swarms' peers.
    'announce_to_all_tiers': True, 'announce_to_all_trackers': True, 'min_announce_interval': 1,
    'alert_mask': lt.alert.category_t.error_notification,
})
everyone = lt.ip_filter()
everyone.add_rule('0.0.0.0', '255.255.255.255', 1 << lt.session.global_peer_class_id)
ses.set_peer_class_filter(everyone)
deadline = time.time() + config.get('lifetime', 300)
lock = threading.Lock()


def say(*parts):
    with lock:
        print(*parts, flush=True)


handles = []
for i, spec in enumerate(config['torrents']):
    path = os.path.abspath(spec['path'])
    fs = lt.file_storage()
    lt.add_files(fs, path)
    t = lt.create_torrent(fs, 65536, flags=lt.create_torrent.v1_only)
    for tier, tracker in enumerate(config['trackers']):
        t.add_tracker(tracker, tier)
    lt.set_piece_hashes(t, os.path.dirname(path))
    with open(spec['out'], 'wb') as out:
        out.write(lt.bencode(t.generate()))
    params = lt.add_torrent_params()
    params.ti = lt.torrent_info(spec['out'])
    params.save_path = os.path.dirname(path)
    handles.append(ses.add_torrent(params))
    say('torrent', i, str(params.ti.info_hashes().v1))
say('listening', ses.listen_port())


def commands():
    global deadline
    for line in sys.stdin:
        words = line.split()
        if words and words[0] == 'limit':
            ses.apply_settings({'upload_rate_limit': int(words[1])})
        elif words and words[0] == 'quit':
            break
    deadline = 0


threading.Thread(target=commands, daemon=True).start()
seeding, last_peers = set(), {}
while time.time() < deadline:
    for alert in ses.pop_alerts():
        say('error', type(alert).__name__, alert.message())
    for i, h in enumerate(handles):
        if i not in seeding and h.status().is_seeding:
            seeding.add(i)
            say('seeding', i)
        peers = sorted('%s:%d' % p.ip for p in h.get_peer_info())
        if peers != last_peers.get(i):
            last_peers[i] = peers
            say('peers', i, *peers)
    time.sleep(0.1)
