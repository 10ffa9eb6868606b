#!/usr/bin/env python3
"""Fault run against a started cluster: registry writes from 3 threads through the web front and announces to the
surviving silo while a victim process is SIGKILLed; then every acknowledged write is read back and every swarm asked
for its peers. Prints acknowledged/lost writes, failed requests by status, swarms keeping their peers and latencies."""
import json, os, random, signal, struct, sys, threading, time, urllib.error, urllib.parse, urllib.request

front, silo_a, silo_b, victim_pid = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
# With no victim (0), the fault is a database outage: PG_STOP, OUTAGE seconds, PG_START (shell commands).
OUTAGE = float(os.environ.get("OUTAGE", "10"))
survivor = silo_a
SWARMS, WRITERS, BEFORE, AFTER = 200, 3, float(os.environ.get("BEFORE", "5")), float(os.environ.get("AFTER", "20"))

def request(method, url, body=None, timeout=35):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"} if data else {})
    started = time.monotonic()
    try:
        with urllib.request.urlopen(req, timeout=timeout) as answer:
            return answer.status, answer.read(), time.monotonic() - started
    except urllib.error.HTTPError as error:
        return error.code, error.read(), time.monotonic() - started
    except Exception as error:  # connection refused, reset, timeout
        return type(error).__name__, b"", time.monotonic() - started

def announce(base, info_hash, peer_id, port, numwant=50):
    query = urllib.parse.urlencode({"info_hash": info_hash, "peer_id": peer_id, "port": port, "uploaded": 0, "downloaded": 0,
                                    "left": 0 if port % 2 else 100, "compact": 1, "numwant": numwant})
    return request("GET", f"{base}/announce?{query}")

def peers_of(body):
    key = b"5:peers"
    at = body.find(key)
    if at < 0 or b"failure reason" in body:
        return None
    at += len(key)
    colon = body.index(b":", at)
    length = int(body[at:colon])
    raw = body[colon + 1:colon + 1 + length]
    return {struct.unpack(">H", raw[i + 4:i + 6])[0] for i in range(0, len(raw), 6)}

swarms = [os.urandom(20) for _ in range(SWARMS)]
for index, info_hash in enumerate(swarms):
    for silo, port in ((silo_a, 10000 + 2 * index), (silo_b, 10001 + 2 * index)):
        status, body, _ = announce(silo, info_hash, os.urandom(20), port)
        assert status == 200 and b"failure" not in body, (status, body[:200])
time.sleep(2)  # peer changes reach the replicas every 250 ms

acknowledged, failures, latencies, lock, stop = [], {}, [], threading.Lock(), threading.Event()
kill_at, database_back, first_write_after = [None], [None], [None]

def record(status, seconds, ok):
    with lock:
        if kill_at[0] is not None and time.monotonic() - kill_at[0] < AFTER:
            latencies.append(seconds)
        if not ok:
            failures[str(status)] = failures.get(str(status), 0) + 1

def writer(n):
    i = 0
    while not stop.is_set():
        info_hash = os.urandom(20).hex()
        status, body, seconds = request("POST", f"{front}/api/registry", {"info_hash": info_hash, "name": f"fault-{n}-{i}"})
        ok = status in (200, 201)
        record(status, seconds, ok)
        if ok:
            with lock:
                acknowledged.append(info_hash)
                if database_back[0] is not None and first_write_after[0] is None:
                    first_write_after[0] = time.monotonic() - database_back[0]
        i += 1

def announcer():
    while not stop.is_set():
        index = random.randrange(SWARMS)
        status, body, seconds = announce(survivor, swarms[index], os.urandom(20), 20000 + index, numwant=0)
        record(status, seconds, status == 200 and b"failure" not in body)

threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)] + [threading.Thread(target=announcer)]
for thread in threads:
    thread.start()
time.sleep(BEFORE)
kill_at[0] = time.monotonic()
if victim_pid:
    os.kill(victim_pid, signal.SIGKILL)
    time.sleep(AFTER)
else:
    os.system(os.environ["PG_STOP"])
    time.sleep(OUTAGE)
    os.system(os.environ["PG_START"])
    database_back[0] = time.monotonic()
    time.sleep(max(AFTER - OUTAGE, 5))
stop.set()
for thread in threads:
    thread.join()

lost = []
for h in acknowledged:
    status, body, _ = request("GET", f"{front}/api/registry?info_hash={h}")
    if status != 200:
        lost.append((h, status, body[:200]))
keeping = 0
for index, info_hash in enumerate(swarms):
    status, body, _ = announce(survivor, info_hash, os.urandom(20), 30000 + 2 * index, numwant=200)  # even port: a leecher, shown every peer
    known = (peers_of(body) or set()) if status == 200 else set()
    keeping += {10000 + 2 * index, 10001 + 2 * index} <= known
latencies.sort()
p99 = latencies[int(len(latencies) * 0.99) - 1] * 1000 if latencies else 0
print(f"acknowledged writes {len(acknowledged)}, lost {len(lost)}" + "".join(f"\n  lost {h}: read answered {status} {body!r}" for h, status, body in lost[:5]))
print(f"failed requests {sum(failures.values())} {json.dumps(failures)}")
print(f"swarms keeping both peers {keeping} of {SWARMS}")
if not victim_pid:
    back = f"{first_write_after[0]:.1f} s" if first_write_after[0] is not None else "never"
    print(f"database away {OUTAGE:.0f} s; first acknowledged write {back} after it came back")
print(f"requests in the {AFTER:.0f} s after the fault {len(latencies)}, p99 {p99:.0f} ms, max {latencies[-1] * 1000 if latencies else 0:.0f} ms")
