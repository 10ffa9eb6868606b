#!/usr/bin/env bash
# Swarmgrid's tracker against Debian's opentracker, on 127.0.0.1 only: the same bounded load (HTTP with one TCP
# connection per announce, UDP connect+announce pairs, UDP announces with reused connection ids) on each server in
# turn, then requests/s, latency, server CPU per 1000 announces and the Swarmgrid/opentracker ratios.
set -euo pipefail

HTTP_WORKERS=${HTTP_WORKERS:-48}
UDP_WORKERS=${UDP_WORKERS:-32}
WARMUP_SECONDS=${WARMUP_SECONDS:-3}
DURATION_SECONDS=${DURATION_SECONDS:-12}
SERVER_WARMUP_SECONDS=${SERVER_WARMUP_SECONDS:-6}
MAX_REQUESTS=${MAX_REQUESTS:-2000000}
SWARMS=${SWARMS:-10000}
PEERS_PER_SWARM=${PEERS_PER_SWARM:-20}
MODES=(http udp udp-reuse)

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
silo_dll=$repo/src/Silo/bin/Release/net10.0/Swarmgrid.Silo.dll
load=$here/TrackerLoad/bin/Release/net10.0/TrackerLoad
workdir=$(mktemp -d /tmp/tracker-bench.XXXXXX)
servers=()

stop_servers() {
    local pid
    for pid in "${servers[@]}"; do
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    servers=()
}
cleanup() {
    stop_servers
    rm -rf "$workdir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

install_tools() {
    command -v opentracker >/dev/null && command -v wrk >/dev/null && return
    local sudo=""
    [[ $(id -u) -eq 0 ]] || sudo=sudo
    $sudo apt-get -o DPkg::Lock::Timeout=300 install -y opentracker wrk ||
        { $sudo apt-get update && $sudo apt-get -o DPkg::Lock::Timeout=300 install -y opentracker wrk; }
}

build() {
    local project
    for project in "$repo/src/Silo" "$here/TrackerLoad"; do
        flock /tmp/swarmgrid-build.lock dotnet build "$project" -c Release -nologo -v q -clp:ErrorsOnly
    done
}

taken_ports=" "
# Sets variable $1 to a port outside the ephemeral range (the load generator's connections use that) with nothing
# bound to it; not a command substitution, so that the ports already handed out are remembered.
pick_port() {
    local port
    while :; do
        port=$((10000 + RANDOM % 20000))
        [[ $taken_ports == *" $port "* ]] && continue
        ss -Htuan | awk '{print $5}' | grep -q ":$port\$" && continue
        taken_ports+="$port "
        printf -v "$1" '%s' "$port"
        return
    done
}

wait_until() {
    local what=$1 pid=$2
    shift 2
    for _ in $(seq 1 240); do
        "$@" && return
        kill -0 "$pid" 2>/dev/null || { echo "$what exited during startup; log:" >&2; cat "$workdir/$what.log" >&2; exit 1; }
        sleep 0.25
    done
    echo "$what did not start within 60 s" >&2
    exit 1
}

# A compact announce for the first whitelisted hash that is answered with an interval, not a failure reason.
tracks_first_hash() {
    local hash
    hash=$(head -1 "$workdir/hashes.txt" | sed 's/../%&/g')
    curl -s "http://127.0.0.1:$1/announce?info_hash=$hash&peer_id=-RUNSH0-000000000000&port=1&uploaded=0&downloaded=0&left=0&compact=1" |
        grep -q '8:interval'
}
http_healthy() { curl -sf -o /dev/null "http://127.0.0.1:$1/health"; }

start_opentracker() {
    local port=$1 dir=$workdir/opentracker
    mkdir -p "$dir"
    cp "$workdir/hashes.txt" "$dir/whitelist.txt"
    cat >"$dir/opentracker.conf" <<EOF
listen.tcp 127.0.0.1:$port
listen.udp 127.0.0.1:$port
access.whitelist $dir/whitelist.txt
EOF
    # Started as root, it reads the whitelist after dropping to user nobody, so the path must be world-readable; without
    # the whitelist it still serves, refusing every hash.
    chmod 755 "$workdir" "$dir"
    (cd "$dir" && exec opentracker -f "$dir/opentracker.conf") >"$workdir/opentracker.log" 2>&1 &
    servers+=($!)
    wait_until opentracker $! tracks_first_hash "$port"
}

start_swarmgrid() {
    local http_port=$1 udp_port=$2 silo_port gateway_port
    pick_port silo_port
    pick_port gateway_port
    mkdir -p "$workdir/swarmgrid-data"
    # From its own directory: the content root's file watchers must not see the SQLite writes under a data dir.
    (cd "$(dirname "$silo_dll")" && exec dotnet "$silo_dll" --urls "http://127.0.0.1:$http_port" --Tracker:UdpPort="$udp_port" \
        --Swarmgrid:DataDir="$workdir/swarmgrid-data" --Orleans:SiloPort="$silo_port" --Orleans:GatewayPort="$gateway_port" \
        --Tracker:RateLimit:Enabled=false --Logging:LogLevel:Default=Warning) >"$workdir/swarmgrid.log" 2>&1 &
    servers+=($!)
    wait_until swarmgrid $! http_healthy "$http_port"
}

# Runs every mode against one server; each RESULT line lands in $workdir/<server>.<mode>. An unmeasured first round
# fills the swarms and lets .NET finish tiered JIT compilation, which otherwise lands in the first measurement.
load_server() {
    local server=$1 http_port=$2 udp_port=$3 pid=$4 mode port workers
    echo "  $server: ${SERVER_WARMUP_SECONDS}s unmeasured HTTP + UDP warm-up" >&2
    "$load" http --port "$http_port" --hashes "$workdir/hashes.txt" --workers "$HTTP_WORKERS" --warmup 0 \
        --duration "$SERVER_WARMUP_SECONDS" --peers-per-swarm "$PEERS_PER_SWARM" >/dev/null
    "$load" udp --port "$udp_port" --hashes "$workdir/hashes.txt" --workers "$UDP_WORKERS" --warmup 0 \
        --duration "$SERVER_WARMUP_SECONDS" --peers-per-swarm "$PEERS_PER_SWARM" >/dev/null
    for mode in "${MODES[@]}"; do
        if [[ $mode == http ]]; then port=$http_port workers=$HTTP_WORKERS; else port=$udp_port workers=$UDP_WORKERS; fi
        echo "  $server $mode: ${WARMUP_SECONDS}s warm-up, ${DURATION_SECONDS}s measured, $workers workers" >&2
        "$load" "$mode" --port "$port" --hashes "$workdir/hashes.txt" --workers "$workers" --warmup "$WARMUP_SECONDS" \
            --duration "$DURATION_SECONDS" --max-requests "$MAX_REQUESTS" --peers-per-swarm "$PEERS_PER_SWARM" \
            --server-pid "$pid" --clock-ticks "$(getconf CLK_TCK)" | tee "$workdir/$server.$mode"
    done
}

field() { tr ' ' '\n' <"$1" | awk -F= -v key="$2" '$1 == key { print $2 }'; }

report() {
    local mode server file
    printf '\n%-10s %-12s %10s %9s %9s %14s %8s %9s\n' test server "req/s" "p50 ms" "p99 ms" "cpu s/1000 ann" errors timeouts
    for mode in "${MODES[@]}"; do
        for server in opentracker swarmgrid; do
            file=$workdir/$server.$mode
            printf '%-10s %-12s %10s %9s %9s %14s %8s %9s\n' "$mode" "$server" "$(field "$file" rps)" "$(field "$file" p50_ms)" \
                "$(field "$file" p99_ms)" "$(field "$file" server_cpu_s_per_1k)" \
                "$(($(field "$file" errors) + $(field "$file" failures)))" "$(field "$file" timeouts)"
        done
        awk -v mode="$mode" -v sr="$(field "$workdir/swarmgrid.$mode" rps)" -v orr="$(field "$workdir/opentracker.$mode" rps)" \
            -v sc="$(field "$workdir/swarmgrid.$mode" server_cpu_s_per_1k)" -v oc="$(field "$workdir/opentracker.$mode" server_cpu_s_per_1k)" \
            'BEGIN { printf "%-10s swarmgrid/opentracker: req/s %.2fx, server CPU per announce %.1fx\n", mode, (orr > 0 ? sr / orr : 0), (oc > 0 ? sc / oc : 0) }'
    done
    echo "(udp = connect+announce pairs/s; udp-reuse = announces/s with reused connection ids)"
}

install_tools
echo "building (Release)..." >&2
build
"$load" hashes --hashes "$workdir/hashes.txt" --hash-count "$SWARMS"

echo "opentracker:" >&2
pick_port ot_port
start_opentracker "$ot_port"
load_server opentracker "$ot_port" "$ot_port" "${servers[0]}"
stop_servers

echo "swarmgrid (embedded silo, rate limit off):" >&2
pick_port sg_http_port
pick_port sg_udp_port
start_swarmgrid "$sg_http_port" "$sg_udp_port"
load_server swarmgrid "$sg_http_port" "$sg_udp_port" "${servers[0]}"
stop_servers

report
