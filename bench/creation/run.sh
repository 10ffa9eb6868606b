#!/usr/bin/env bash
# Torrent creation throughput on a 1 GiB file: swarmgrid create (v1 and hybrid) against mktorrent,
# with sha1sum as the single-core hashing limit. Prints MiB/s per tool and the ratios.
set -euo pipefail
cd "$(dirname "$0")/../.."

size_mib=${SIZE_MIB:-1024}
work=$(mktemp -d /tmp/swarmgrid-bench-creation.XXXXXX)
trap 'rm -rf "$work"' EXIT

for tool in mktorrent bc; do command -v "$tool" >/dev/null || apt-get -o DPkg::Lock::Timeout=300 install -y -qq "$tool" >/dev/null; done
dotnet build src/Cli -c Release -v quiet -nologo >/dev/null
swarmgrid=(dotnet src/Cli/bin/Release/net10.0/swarmgrid.dll)

head -c "$((size_mib * 1024 * 1024))" /dev/urandom > "$work/data.bin"
cat "$work/data.bin" > /dev/null # warm the page cache so every tool reads from memory

seconds() { local start end; start=$(date +%s.%N); "$@" >/dev/null 2>&1; end=$(date +%s.%N); echo "$end - $start" | bc -l; }
rate() { echo "scale=1; $size_mib / $1" | bc -l; }

t_sha1=$(seconds sha1sum "$work/data.bin")
t_mk=$(seconds mktorrent -l 20 -o "$work/mk.torrent" "$work/data.bin")
t_v1=$(seconds "${swarmgrid[@]}" create "$work/data.bin" --v1 --piece-size 1M -o "$work/v1.torrent")
t_hybrid=$(seconds "${swarmgrid[@]}" create "$work/data.bin" --hybrid --piece-size 1M -o "$work/hybrid.torrent")

printf '%-28s %8s MiB/s\n' "sha1sum (1 core)" "$(rate "$t_sha1")"
printf '%-28s %8s MiB/s\n' "mktorrent -l 20" "$(rate "$t_mk")"
printf '%-28s %8s MiB/s\n' "swarmgrid create --v1" "$(rate "$t_v1")"
printf '%-28s %8s MiB/s\n' "swarmgrid create --hybrid" "$(rate "$t_hybrid")"
printf 'ratio swarmgrid v1 / mktorrent: %s\n' "$(echo "scale=2; $t_mk / $t_v1" | bc -l)"
printf 'ratio swarmgrid v1 / sha1sum:   %s\n' "$(echo "scale=2; $t_sha1 / $t_v1" | bc -l)"
