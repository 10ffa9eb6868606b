# A libtorrent session on loopback driven by the interop tests (run by /usr/bin/python3, which alone imports libtorrent).
# argv[1] is JSON: {"listen": "127.0.0.1:0", "settings": {...}, "torrents": [{"torrent" | "magnet", "save", "peers"}]}.
# It prints one event per line: "listening PORT", "added I", "seeding I", "peers I EP EP ...", "dht_nodes N",
# "sample ..." and "error ...". Commands on stdin: "connect I HOST:PORT", "sample HOST PORT", "quit".
# Every wait is bounded: the process exits by itself after "lifetime" seconds (default 120).
import json, sys, threading, time
import libtorrent as lt

config = json.loads(sys.argv[1])
settings = {
    'listen_interfaces': config.get('listen', '127.0.0.1:0'),
    'allow_multiple_connections_per_ip': True,
    'enable_dht': False, 'enable_lsd': False, 'enable_upnp': False, 'enable_natpmp': False,
    'listen_system_port_fallback': False, 'max_retry_port_bind': 0, 'min_reconnect_time': 1,
    'dht_restrict_routing_ips': False, 'dht_restrict_search_ips': False, 'dht_ignore_dark_internet': False,
    'dht_enforce_node_id': False, 'dht_bootstrap_nodes': '',
    'alert_mask': lt.alert.category_t.error_notification | lt.alert.category_t.status_notification | lt.alert.category_t.dht_notification,
}
settings.update(config.get('settings', {}))
ses = lt.session(settings)
deadline = time.time() + config.get('lifetime', 120)
out_lock = threading.Lock()


def say(*parts):
    with out_lock:
        print(*parts, flush=True)


def endpoint(text):
    host, _, port = text.rpartition(':')
    return host.strip('[]'), int(port)


handles = []
for spec in config.get('torrents', []):
    params = lt.parse_magnet_uri(spec['magnet']) if 'magnet' in spec else lt.add_torrent_params()
    if 'torrent' in spec:
        params.ti = lt.torrent_info(spec['torrent'])
    params.save_path = spec['save']
    handles.append(ses.add_torrent(params))
    for peer in spec.get('peers', []):
        handles[-1].connect_peer(endpoint(peer))
say('listening', ses.listen_port())
for i in range(len(handles)):
    say('added', i)
for node in config.get('dht_nodes', []):
    ses.add_dht_node(endpoint(node))


def commands():
    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        if words[0] == 'quit':
            break
        if words[0] == 'connect':
            handles[int(words[1])].connect_peer(endpoint(words[2]))
        elif words[0] == 'sample':
            ses.dht_sample_infohashes((words[1], int(words[2])), lt.sha1_hash(bytes.fromhex(words[3]) if len(words) > 3 else b'\0' * 20))
        elif words[0] == 'dht_node':
            ses.add_dht_node(endpoint(words[1]))
        elif words[0] == 'announce':
            ses.dht_announce(lt.sha1_hash(bytes.fromhex(words[1])), int(words[2]), 0)
    global deadline
    deadline = 0


threading.Thread(target=commands, daemon=True).start()
seeding, last_peers, last_nodes = set(), {}, -1
while time.time() < deadline:
    for alert in ses.pop_alerts():
        if isinstance(alert, lt.dht_sample_infohashes_alert):
            samples = ','.join(str(s) for s in alert.samples) or '-'
            say('sample', '%s:%d' % alert.endpoint, alert.num_infohashes, int(alert.interval.total_seconds()), samples, alert.num_nodes)
        elif alert.category() & lt.alert.category_t.error_notification:
            say('error', type(alert).__name__, alert.message())
    for i, h in enumerate(handles):
        status = h.status()
        if i not in seeding and status.is_seeding:
            seeding.add(i)
            say('seeding', i)
        peers = sorted(('[%s]:%d' if ':' in p.ip[0] else '%s:%d') % p.ip for p in h.get_peer_info())
        if peers != last_peers.get(i):
            last_peers[i] = peers
            say('peers', i, *peers)
    if settings.get('enable_dht'):
        nodes = ses.status().dht_nodes
        if nodes != last_nodes:
            last_nodes = nodes
            say('dht_nodes', nodes)
    time.sleep(0.1)
