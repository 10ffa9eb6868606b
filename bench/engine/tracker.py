"""A minimal HTTP tracker for the engine benchmark's swarm: compact IPv4 answers naming every other peer, a
5-second interval. Arguments: PORT. Serves 127.0.0.1 only; exits when killed."""
import socket
import struct
import sys
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

swarms = {}
lock = threading.Lock()


def bencode(value):
    if isinstance(value, int):
        return b"i%de" % value
    if isinstance(value, bytes):
        return b"%d:%s" % (len(value), value)
    if isinstance(value, dict):
        return b"d" + b"".join(bencode(k) + bencode(v) for k, v in sorted(value.items())) + b"e"
    raise TypeError(value)


class Announce(BaseHTTPRequestHandler):
    def do_GET(self):
        query = urllib.parse.parse_qs(urllib.parse.urlparse(self.path).query, encoding="latin-1")
        info_hash = query["info_hash"][0].encode("latin-1")
        peer_id = query["peer_id"][0].encode("latin-1")
        port = int(query["port"][0])
        with lock:
            swarm = swarms.setdefault(info_hash, {})
            if query.get("event", [""])[0] == "stopped":
                swarm.pop(peer_id, None)
            else:
                swarm[peer_id] = (self.client_address[0], port)
            peers = b"".join(socket.inet_aton(ip) + struct.pack(">H", p) for pid, (ip, p) in swarm.items() if pid != peer_id)
        body = bencode({b"interval": 5, b"peers": peers})
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Announce).serve_forever()
