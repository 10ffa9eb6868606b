#!/usr/bin/env bash
# The realtime feed under load, on 127.0.0.1 only: one silo and one web front on a private PostgreSQL, N SignalR
# clients on the web front's /hubs/dashboard (topic "torrents"), 200 torrent.progress events/s published to the feed
# grain. Prints delivered events/s, p50/p99 end-to-end latency (publish to client), and the web front's CPU and RSS.
set -euo pipefail

CLIENTS=${CLIENTS:-"1000 5000"}
EVENTS_PER_SECOND=${EVENTS_PER_SECOND:-200}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-20}

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
workdir=$(mktemp -d /tmp/realtime-bench.XXXXXX)
pids=()

cleanup() {
    local pid
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    bench_postgres_stop "$workdir"
    rm -rf "$workdir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

source "$here/../lib/postgres.sh"

for project in "$repo/src/Silo" "$repo/src/WebFront" "$here/RealtimeLoad"; do
    flock /tmp/swarmgrid-build.lock dotnet build "$project" -c Release -nologo -v q -clp:ErrorsOnly
done

bench_postgres "$workdir" realtime_bench
cluster="bench-$RANDOM"

front_port=$(free_port)
common=(--Swarmgrid:Postgres="$postgres" --Orleans:ClusterId="$cluster" --Orleans:ServiceId="$cluster" --Logging:LogLevel:Default=Warning)
dotnet "$repo/src/Silo/bin/Release/net10.0/Swarmgrid.Silo.dll" "${common[@]}" --urls "http://127.0.0.1:$(free_port)" \
    --Orleans:SiloPort="$(free_port)" --Orleans:GatewayPort="$(free_port)" --Tracker:UdpPort=0 \
    --Auth:Bootstrap:Username=admin --Auth:Bootstrap:Password=bench-admin-password >"$workdir/silo.log" 2>&1 &
pids+=($!)
sleep 5
dotnet "$repo/src/WebFront/bin/Release/net10.0/Swarmgrid.WebFront.dll" "${common[@]}" --urls "http://127.0.0.1:$front_port" \
    --Auth:LoginRateLimit:Enabled=false >"$workdir/front.log" 2>&1 &
front_pid=$!
pids+=($front_pid)

token=""
for _ in $(seq 1 60); do
    token=$(curl -sf -X POST "http://127.0.0.1:$front_port/api/v1/auth/login" -H 'Content-Type: application/json' \
        -d '{"username":"admin","password":"bench-admin-password"}' | python3 -c 'import sys,json; print(json.load(sys.stdin)["access_token"])' 2>/dev/null) && break
    sleep 1
done
[[ -n "$token" ]] || { echo "the web front did not come up"; tail -20 "$workdir/front.log"; exit 1; }
# An API key outlives the access token's 15 minutes.
key=$(curl -sf -X POST "http://127.0.0.1:$front_port/api/v1/security/api-keys" -H "Authorization: Bearer $token" \
    -H 'Content-Type: application/json' -d '{"name":"realtime-bench"}' | python3 -c 'import sys,json; print(json.load(sys.stdin)["key"])')

echo "web front pid $front_pid on 127.0.0.1:$front_port; ${EVENTS_PER_SECOND} events/s for ${SECONDS_PER_RUN} s per run; $(nproc) cores shared by all processes"
for n in $CLIENTS; do
    "$here/RealtimeLoad/bin/Release/net10.0/RealtimeLoad" "http://127.0.0.1:$front_port" "$key" "$postgres" "$cluster" "$front_pid" \
        "$n" "$EVENTS_PER_SECOND" "$SECONDS_PER_RUN"
done
