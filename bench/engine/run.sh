#!/usr/bin/env bash
# Engine throughput on loopback against libtorrent (python3-libtorrent). Cases (CASES, default all three):
#   single    - one aria2c seed of a 1 GiB file, downloaded in turn by `swarmgrid download` and by libtorrent;
#   encrypted - the same with the seed requiring RC4 (MSE) and both leechers requiring it too;
#   swarm     - a 20-peer swarm through a loopback tracker: one aria2c seed of SWARM_MIB (256) MiB, 10 Swarmgrid and
#               9 libtorrent leechers started together, each leaving when done (SWARM_ENCRYPTION sets the Swarmgrid
#               leechers' --encryption, prefer by default).
# Prints MiB/s, CPU seconds per GiB and peak memory, then the ratios (target: Swarmgrid >= 1.0x libtorrent's
# throughput at <= its CPU per GiB). Not part of CI: run it by hand. Every step is bounded in time.
set -euo pipefail
cd "$(dirname "$0")/../.."

size_mib=${SIZE_MIB:-1024}
swarm_mib=${SWARM_MIB:-256}
swarm_encryption=${SWARM_ENCRYPTION:-prefer} # the Swarmgrid leechers' --encryption in the swarm case
limit_s=${LIMIT_SECONDS:-600}
cases=${CASES:-single encrypted swarm}
work=$(mktemp -d /tmp/swarmgrid-bench-engine.XXXXXX)
seed_pid=""
tracker_pid=""
cleanup() {
    [[ -n "$seed_pid" ]] && kill "$seed_pid" 2>/dev/null
    [[ -n "$tracker_pid" ]] && kill "$tracker_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

missing=()
[[ -x /usr/bin/aria2c ]] || missing+=(aria2)
/usr/bin/python3 -c 'import libtorrent' 2>/dev/null || missing+=(python3-libtorrent)
[[ -x /usr/bin/time ]] || missing+=(time)
command -v bc >/dev/null || missing+=(bc)
if ((${#missing[@]})); then apt-get -o DPkg::Lock::Timeout=300 install -y -qq "${missing[@]}" >/dev/null; fi

flock /tmp/swarmgrid-build.lock dotnet build src/Cli -c Release -v quiet -nologo >/dev/null
swarmgrid=(dotnet src/Cli/bin/Release/net10.0/swarmgrid.dll)

free_port() { /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_port() {
    for _ in $(seq 1 300); do
        /usr/bin/python3 -c "import socket; socket.create_connection(('127.0.0.1', $1), 1)" 2>/dev/null && return 0
        sleep 0.1
    done
    echo "nothing listens on port $1" >&2; exit 1
}

# Starts an aria2c seed of $1 (a torrent of data in $2) on port $3; extra aria2c options follow.
start_seed() {
    local torrent=$1 dir=$2 port=$3; shift 3
    # The data was just written from this torrent's source, so the seed skips hashing it (--bt-seed-unverified).
    timeout "$((limit_s * 3))" /usr/bin/aria2c --enable-dht=false --bt-enable-lpd=false --enable-peer-exchange=false \
        --disable-ipv6=true --interface=127.0.0.1 --listen-port="$port" --file-allocation=none \
        --check-integrity=false --bt-seed-unverified=true --seed-ratio=0.0 --bt-max-peers=0 --summary-interval=0 \
        --console-log-level=error "$@" -d "$dir" "$torrent" >"$work/aria2.log" 2>&1 &
    seed_pid=$!
    wait_port "$port"
}

stop_seed() { kill "$seed_pid" 2>/dev/null || true; wait "$seed_pid" 2>/dev/null || true; seed_pid=""; }

# Runs a download under /usr/bin/time; prints "seconds cpu_seconds peak_kib".
measure() {
    local out=$1 data=$2; shift 2
    rm -rf "$out"; mkdir -p "$out"
    sync; cat "$data" >/dev/null # the seed reads from the page cache in both runs
    if ! /usr/bin/time -f '%e %U %S %M' -o "$work/time" timeout "$limit_s" "$@" >"$work/run.log" 2>&1; then
        echo "download failed or timed out: $*" >&2; tail -5 "$work/run.log" >&2; exit 1
    fi
    cmp -s "$data" "$out/data.bin" || { echo "downloaded data differs: $*" >&2; exit 1; }
    read -r elapsed user system peak < "$work/time"
    echo "$elapsed $(echo "$user + $system" | bc -l) $peak"
}

row() { printf '%-12s %9.1f MiB/s %8.2f CPU s/GiB %8.0f MiB peak\n' "$1" "$(echo "$5 / $2" | bc -l)" "$(echo "$3 / ($5 / 1024)" | bc -l)" "$(echo "$4 / 1024" | bc -l)"; }
ratios() {
    printf 'ratio throughput swarmgrid/libtorrent: %.2fx (target >= 1.0)\n' "$(echo "$4 / $1" | bc -l)"
    printf 'ratio CPU per GiB swarmgrid/libtorrent: %.2fx (target <= 1.0)\n' "$(echo "$2 / $5" | bc -l)"
    printf 'ratio peak memory swarmgrid/libtorrent: %.2fx\n' "$(echo "$3 / $6" | bc -l)"
}

mkdir -p "$work/seed"
head -c "$((size_mib * 1024 * 1024))" /dev/urandom > "$work/seed/data.bin"
"${swarmgrid[@]}" create "$work/seed/data.bin" --v1 --piece-size 1M --no-date -o "$work/data.torrent" >/dev/null

# One seed, one leecher at a time: every side with its default encryption ("single"), or RC4 required on every side ("encrypted").
one_to_one() {
    local label=$1 sg_crypto=$2 lt_crypto=$3; shift 3
    local port; port=$(free_port)
    start_seed "$work/data.torrent" "$work/seed" "$port" "$@"
    read -r sg_s sg_cpu sg_kib <<<"$(measure "$work/swarmgrid" "$work/seed/data.bin" "${swarmgrid[@]}" download "$work/data.torrent" \
        -o "$work/swarmgrid" --bind 127.0.0.1 --peer "127.0.0.1:$port" --encryption "$sg_crypto")"
    read -r lt_s lt_cpu lt_kib <<<"$(measure "$work/libtorrent" "$work/seed/data.bin" /usr/bin/python3 bench/engine/lt_download.py \
        "$work/data.torrent" "$work/libtorrent" "$port" "$limit_s" "$lt_crypto")"
    stop_seed
    echo "$label: 1 seed (aria2c) -> 1 leecher on 127.0.0.1, ${size_mib} MiB, 1 MiB pieces"
    row swarmgrid "$sg_s" "$sg_cpu" "$sg_kib" "$size_mib"
    row libtorrent "$lt_s" "$lt_cpu" "$lt_kib" "$size_mib"
    ratios "$sg_s" "$sg_cpu" "$sg_kib" "$lt_s" "$lt_cpu" "$lt_kib"
}

# 20 peers: the seed and 19 leechers (10 Swarmgrid, 9 libtorrent) meeting through a loopback tracker.
swarm() {
    local tracker_port; tracker_port=$(free_port)
    /usr/bin/python3 bench/engine/tracker.py "$tracker_port" & tracker_pid=$!
    wait_port "$tracker_port"
    mkdir -p "$work/swarmseed"
    head -c "$((swarm_mib * 1024 * 1024))" /dev/urandom > "$work/swarmseed/data.bin"
    "${swarmgrid[@]}" create "$work/swarmseed/data.bin" --v1 --piece-size 256K --no-date \
        --tracker "http://127.0.0.1:$tracker_port/announce" -o "$work/swarm.torrent" >/dev/null
    local port; port=$(free_port)
    start_seed "$work/swarm.torrent" "$work/swarmseed" "$port" --bt-tracker-interval=5
    sync; cat "$work/swarmseed/data.bin" >/dev/null
    local pids=() i
    for i in $(seq 1 10); do
        mkdir -p "$work/sg$i"
        /usr/bin/time -f '%e %U %S %M' -o "$work/sg$i.time" timeout "$limit_s" "${swarmgrid[@]}" download "$work/swarm.torrent" \
            -o "$work/sg$i" --bind 127.0.0.1 --encryption "$swarm_encryption" >"$work/sg$i.log" 2>&1 & pids+=($!)
    done
    for i in $(seq 1 9); do
        mkdir -p "$work/lt$i"
        /usr/bin/time -f '%e %U %S %M' -o "$work/lt$i.time" timeout "$limit_s" /usr/bin/python3 bench/engine/lt_download.py \
            "$work/swarm.torrent" "$work/lt$i" 0 "$limit_s" >"$work/lt$i.log" 2>&1 & pids+=($!)
    done
    local failed=0
    for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
    stop_seed
    kill "$tracker_pid" 2>/dev/null || true; tracker_pid=""
    ((failed == 0)) || { echo "a swarm leecher failed or timed out" >&2; exit 1; }
    for i in $(seq 1 10); do cmp -s "$work/swarmseed/data.bin" "$work/sg$i/data.bin" || { echo "swarmgrid leecher $i differs" >&2; exit 1; }; done
    for i in $(seq 1 9); do cmp -s "$work/swarmseed/data.bin" "$work/lt$i/data.bin" || { echo "libtorrent leecher $i differs" >&2; exit 1; }; done
    # Per kind: mean seconds to complete, mean CPU, mean peak.
    summarize() { cat "$@" | awk '{ s += $1; c += $2 + $3; m += $4; n++ } END { printf "%f %f %f", s / n, c / n, m / n }'; }
    read -r sg_s sg_cpu sg_kib <<<"$(summarize "$work"/sg*.time)"
    read -r lt_s lt_cpu lt_kib <<<"$(summarize "$work"/lt*.time)"
    echo "swarm: 1 seed (aria2c) + 10 swarmgrid + 9 libtorrent leechers through a loopback tracker, ${swarm_mib} MiB, 256 KiB pieces (means per leecher)"
    row swarmgrid "$sg_s" "$sg_cpu" "$sg_kib" "$swarm_mib"
    row libtorrent "$lt_s" "$lt_cpu" "$lt_kib" "$swarm_mib"
    ratios "$sg_s" "$sg_cpu" "$sg_kib" "$lt_s" "$lt_cpu" "$lt_kib"
}

for case in $cases; do
    case $case in
        single) one_to_one single prefer default --bt-require-crypto=false ;;
        encrypted) one_to_one encrypted require require --bt-require-crypto=true --bt-min-crypto-level=arc4 ;;
        swarm) swarm ;;
        *) echo "unknown case $case (single, encrypted, swarm)" >&2; exit 2 ;;
    esac
done
