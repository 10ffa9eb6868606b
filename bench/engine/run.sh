#!/usr/bin/env bash
# Engine throughput on loopback: one aria2c seed of a 1 GiB file, downloaded in turn by `swarmgrid download` and by
# libtorrent (python3-libtorrent). Prints MiB/s, CPU seconds per GiB and peak memory for each, then the ratios
# (target: Swarmgrid >= 1.0x libtorrent's throughput at <= its CPU per GiB). Every step is bounded in time.
set -euo pipefail
cd "$(dirname "$0")/../.."

size_mib=${SIZE_MIB:-1024}
limit_s=${LIMIT_SECONDS:-600}
work=$(mktemp -d /tmp/swarmgrid-bench-engine.XXXXXX)
seed_pid=""
cleanup() { [[ -n "$seed_pid" ]] && kill "$seed_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

missing=()
[[ -x /usr/bin/aria2c ]] || missing+=(aria2)
/usr/bin/python3 -c 'import libtorrent' 2>/dev/null || missing+=(python3-libtorrent)
[[ -x /usr/bin/time ]] || missing+=(time)
command -v bc >/dev/null || missing+=(bc)
if ((${#missing[@]})); then apt-get -o DPkg::Lock::Timeout=300 install -y -qq "${missing[@]}" >/dev/null; fi

flock /tmp/swarmgrid-build.lock dotnet build src/Cli -c Release -v quiet -nologo >/dev/null
swarmgrid=(dotnet src/Cli/bin/Release/net10.0/swarmgrid.dll)

mkdir -p "$work/seed"
head -c "$((size_mib * 1024 * 1024))" /dev/urandom > "$work/seed/data.bin"
"${swarmgrid[@]}" create "$work/seed/data.bin" --v1 --piece-size 1M --no-date -o "$work/data.torrent" >/dev/null

port=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# The data was just written from this torrent's source, so the seed skips hashing it (--bt-seed-unverified).
timeout "$((limit_s * 3))" /usr/bin/aria2c --enable-dht=false --bt-enable-lpd=false --enable-peer-exchange=false \
    --bt-require-crypto=false --disable-ipv6=true --interface=127.0.0.1 --listen-port="$port" --file-allocation=none \
    --check-integrity=false --bt-seed-unverified=true --seed-ratio=0.0 --bt-max-peers=0 --summary-interval=0 \
    --console-log-level=error -d "$work/seed" "$work/data.torrent" >"$work/aria2.log" 2>&1 &
seed_pid=$!
for _ in $(seq 1 300); do
    /usr/bin/python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 1)" 2>/dev/null && break
    sleep 0.1
done

# Runs a download under /usr/bin/time; prints "seconds cpu_seconds peak_kib".
measure() {
    local out=$1; shift
    rm -rf "$out"; mkdir -p "$out"
    sync; cat "$work/seed/data.bin" >/dev/null # the seed reads from the page cache in both runs
    if ! /usr/bin/time -f '%e %U %S %M' -o "$work/time" timeout "$limit_s" "$@" >"$work/run.log" 2>&1; then
        echo "download failed or timed out: $*" >&2; tail -5 "$work/run.log" >&2; exit 1
    fi
    cmp -s "$work/seed/data.bin" "$out/data.bin" || { echo "downloaded data differs: $*" >&2; exit 1; }
    read -r elapsed user system peak < "$work/time"
    echo "$elapsed $(echo "$user + $system" | bc -l) $peak"
}

read -r sg_s sg_cpu sg_kib <<<"$(measure "$work/swarmgrid" "${swarmgrid[@]}" download "$work/data.torrent" -o "$work/swarmgrid" \
    --bind 127.0.0.1 --peer "127.0.0.1:$port")"
read -r lt_s lt_cpu lt_kib <<<"$(measure "$work/libtorrent" /usr/bin/python3 bench/engine/lt_download.py "$work/data.torrent" "$work/libtorrent" \
    "$port" "$limit_s")"

gib=$(echo "scale=6; $size_mib / 1024" | bc -l)
row() { printf '%-12s %9.1f MiB/s %8.2f CPU s/GiB %8.0f MiB peak\n' "$1" "$(echo "$size_mib / $2" | bc -l)" "$(echo "$3 / $gib" | bc -l)" "$(echo "$4 / 1024" | bc -l)"; }
echo "1 seed (aria2c) -> 1 leecher on 127.0.0.1, ${size_mib} MiB, 1 MiB pieces"
row swarmgrid "$sg_s" "$sg_cpu" "$sg_kib"
row libtorrent "$lt_s" "$lt_cpu" "$lt_kib"
printf 'ratio throughput swarmgrid/libtorrent: %.2fx (target >= 1.0)\n' "$(echo "$lt_s / $sg_s" | bc -l)"
printf 'ratio CPU per GiB swarmgrid/libtorrent: %.2fx (target <= 1.0)\n' "$(echo "$sg_cpu / $lt_cpu" | bc -l)"
printf 'ratio peak memory swarmgrid/libtorrent: %.2fx\n' "$(echo "$sg_kib / $lt_kib" | bc -l)"
