#!/usr/bin/env bash
# A silo dies under load, on 127.0.0.1 only: a private PostgreSQL, two silos and one web front; registry writes from 3
# threads through the web front and announces to the surviving silo while the other silo is SIGKILLed (round 1: silo
# B; round 2, after B is back: silo A). Prints acknowledged and lost writes, failed requests by status, swarms keeping
# both of their peers, and latency in the 30 s after the kill (load.py); round 3 stops the private PostgreSQL for 10 s.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
workdir=$(mktemp -d /tmp/faults-bench.XXXXXX)
declare -A pids=()

cleanup() {
    local pid
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    bench_postgres_stop "$workdir"
    if [[ -n "${KEEP_LOGS:-}" ]]; then
        mkdir -p "$KEEP_LOGS" && cp "$workdir"/*.log "$KEEP_LOGS"/
    fi
    rm -rf "$workdir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

source "$here/../lib/postgres.sh"

for project in "$repo/src/Silo" "$repo/src/WebFront"; do
    flock /tmp/swarmgrid-build.lock dotnet build "$project" -c Release -nologo -v q -clp:ErrorsOnly /p:SkipDashboard=true
done

bench_postgres "$workdir" faults_bench
cluster="faults-$RANDOM"
common=(--Swarmgrid:Postgres="$postgres" --Orleans:ClusterId="$cluster" --Orleans:ServiceId="$cluster" --Logging:LogLevel:Default=Warning --Logging:LogLevel:Swarmgrid=Information
    --Orleans:Membership:ProbeTimeout=00:00:01 --Orleans:Membership:NumMissedProbesLimit=2 --Orleans:Membership:NumVotesForDeathDeclaration=1
    --Orleans:Membership:TableRefreshTimeout=00:00:02 --Tracker:RateLimit:Enabled=false --Auth:LoginRateLimit:Enabled=false)
declare -A http_port=([a]=$(free_port) [b]=$(free_port))
declare -A silo_port=([a]=$(free_port) [b]=$(free_port))
declare -A gateway_port=([a]=$(free_port) [b]=$(free_port))
front_port=$(free_port)

start_silo() {
    dotnet "$repo/src/Silo/bin/Release/net10.0/Swarmgrid.Silo.dll" "${common[@]}" --urls "http://127.0.0.1:${http_port[$1]}" \
        --Orleans:SiloPort="${silo_port[$1]}" --Orleans:GatewayPort="${gateway_port[$1]}" --Tracker:UdpPort=0 \
        --Swarmgrid:DataDir="$workdir/silo-$1" >>"$workdir/silo-$1.log" 2>&1 &
    pids[$1]=$!
}

wait_healthy() {
    for _ in $(seq 1 120); do
        curl -fs "$1/health" >/dev/null 2>&1 && return 0
        sleep 0.5
    done
    echo "$1 never became healthy" >&2
    return 1
}

start_silo a
wait_healthy "http://127.0.0.1:${http_port[a]}"
start_silo b
wait_healthy "http://127.0.0.1:${http_port[b]}"
dotnet "$repo/src/WebFront/bin/Release/net10.0/Swarmgrid.WebFront.dll" "${common[@]}" --urls "http://127.0.0.1:$front_port" >"$workdir/front.log" 2>&1 &
pids[front]=$!
wait_healthy "http://127.0.0.1:$front_port"
sleep 3

if [[ -z "${DATABASE_ONLY:-}" ]]; then
echo "== round 1: silo B killed (announces to silo A)"
python3 "$here/load.py" "http://127.0.0.1:$front_port" "http://127.0.0.1:${http_port[a]}" "http://127.0.0.1:${http_port[b]}" "${pids[b]}"
wait "${pids[b]}" 2>/dev/null || true
start_silo b
wait_healthy "http://127.0.0.1:${http_port[b]}"
sleep 5

echo "== round 2: silo A killed (announces to silo B)"
python3 "$here/load.py" "http://127.0.0.1:$front_port" "http://127.0.0.1:${http_port[b]}" "http://127.0.0.1:${http_port[a]}" "${pids[a]}"
wait "${pids[a]}" 2>/dev/null || true
unset 'pids[a]'
start_silo a
wait_healthy "http://127.0.0.1:${http_port[a]}"
sleep 5
fi

if [[ -n "$pg_bin" ]]; then
    echo "== round 3: PostgreSQL stopped for 10 s"
    PG_STOP="runuser -u postgres -- $pg_bin/pg_ctl -D $workdir/pg/data -m immediate -w stop >/dev/null" \
    PG_START="runuser -u postgres -- $pg_bin/pg_ctl -D $workdir/pg/data -l $workdir/pg/log -w -o '-p $pg_port -c listen_addresses=127.0.0.1 -k $workdir/pg' start >/dev/null" \
        python3 "$here/load.py" "http://127.0.0.1:$front_port" "http://127.0.0.1:${http_port[a]}" "http://127.0.0.1:${http_port[b]}" 0
else
    echo "(no database round: SWARMGRID_TEST_POSTGRES is a shared server; unset it to run one)"
fi
echo "web front log: $(grep -c ' 503' "$workdir/front.log" || true) answers of 503; codec errors: $(grep -c CodecNotFound "$workdir"/*.log || true)"
