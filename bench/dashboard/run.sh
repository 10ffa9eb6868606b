#!/usr/bin/env bash
# The dashboard's weight and speed on 127.0.0.1: the size of the built assets (raw and gzip -9), then the time from
# opening /torrents, signed in, to an interactive torrents page (list loaded, hub joined) in Debian's chromium, driven by
# playwright-core, against an embedded silo (SQLite) holding TORRENTS magnet links. Prints figures; asserts nothing.
set -euo pipefail

RUNS=${RUNS:-7}
TORRENTS=${TORRENTS:-50}

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
workdir=$(mktemp -d /tmp/dashboard-bench.XXXXXX)
silo_pid=""

cleanup() {
    if [[ -n "$silo_pid" ]]; then
        kill "$silo_pid" 2>/dev/null || true
        wait "$silo_pid" 2>/dev/null || true
    fi
    rm -rf "$workdir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

flock /tmp/swarmgrid-build.lock dotnet build "$repo/src/Silo" -c Release -nologo -v q -clp:ErrorsOnly
(cd "$here" && npm ci --no-audit --no-fund --loglevel=error)

assets="$repo/src/Silo/bin/Release/net10.0/dashboard"
echo "== built assets ($assets)"
total=0; total_gz=0
while IFS= read -r file; do
    raw=$(stat -c %s "$file"); gz=$(gzip -9 -c "$file" | wc -c)
    total=$((total + raw)); total_gz=$((total_gz + gz))
    printf '%-40s %9d bytes  %8d gzip\n' "${file#"$assets"/}" "$raw" "$gz"
done < <(find "$assets" -type f | sort)
printf '%-40s %9d bytes  %8d gzip\n' "total" "$total" "$total_gz"

port=$(free_port)
base="http://127.0.0.1:$port"
password=bench-admin-password
dotnet "$repo/src/Silo/bin/Release/net10.0/Swarmgrid.Silo.dll" --urls "$base" --Swarmgrid:DataDir="$workdir/data" \
    --Orleans:SiloPort="$(free_port)" --Orleans:GatewayPort="$(free_port)" --Tracker:UdpPort=0 --Logging:LogLevel:Default=Warning \
    --Auth:Bootstrap:Username=admin --Auth:Bootstrap:Password="$password" --Auth:LoginRateLimit:Enabled=false >"$workdir/silo.log" 2>&1 &
silo_pid=$!
for _ in $(seq 1 120); do
    curl -fsS "$base/api/v1/health" >/dev/null 2>&1 && break
    sleep 0.5
done

token=$(curl -fsS -H 'Content-Type: application/json' -d "{\"username\":\"admin\",\"password\":\"$password\"}" "$base/api/v1/auth/login" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
for i in $(seq 1 "$TORRENTS"); do
    hash=$(printf 'bench-torrent-%d' "$i" | sha1sum | cut -c1-40)
    curl -fsS -o /dev/null -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
        -d "{\"magnet\":\"magnet:?xt=urn:btih:$hash&dn=bench-$i\"}" "$base/client/api/torrents/magnet"
done

echo "== /torrents to interactive, signed in, $TORRENTS torrents, chromium headless on loopback"
node "$here/measure.mjs" "$base" admin "$password" "$RUNS"
