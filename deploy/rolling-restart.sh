#!/usr/bin/env bash
# Restarts every silo, then every web front, one at a time behind the balancer: each gets SIGTERM (it closes its
# ports first, so nginx sends new requests elsewhere, and finishes what it holds), starts again, and must answer
# /health with 200 before the next one goes. The roll stops at the first process that does not come back.
#
#   deploy/rolling-restart.sh                          # docker-compose: every replica of silo, then of webfront
#   deploy/rolling-restart.sh --systemd swarmgrid-silo@1=http://10.0.0.11:8080 swarmgrid-silo@2=http://10.0.0.12:8080 ...
#                                                      # bare metal: systemd units and each one's own address
# HEALTH_TIMEOUT (120 s) bounds the wait for each process, SETTLE_SECONDS (3 s) is the pause between two of them.
set -euo pipefail

health_timeout=${HEALTH_TIMEOUT:-120}
settle=${SETTLE_SECONDS:-3}

wait_until() {
    local what=$1; shift
    local deadline=$((SECONDS + health_timeout))
    until "$@"; do
        if [ $SECONDS -ge $deadline ]; then
            echo "rolling-restart: $what is not healthy after ${health_timeout}s; the roll stops here" >&2
            exit 1
        fi
        sleep 1
    done
}

container_healthy() { [ "$(docker inspect -f '{{.State.Health.Status}}' "$1")" = healthy ]; }
answers_health() { curl -fsS --max-time 3 "$1/health" >/dev/null 2>&1; }

if [ "${1:-}" = "--systemd" ]; then
    shift
    for pair in "$@"; do
        unit=${pair%%=*} address=${pair#*=}
        echo "rolling-restart: $unit"
        systemctl restart "$unit"
        wait_until "$unit" answers_health "$address"
        sleep "$settle"
    done
    exit 0
fi

compose=(docker-compose -f "${COMPOSE_FILE:-$(dirname "$0")/../docker-compose.yml}")
for service in silo webfront; do
    for id in $("${compose[@]}" ps -q "$service"); do
        name=$(docker inspect -f '{{.Name}}' "$id")
        echo "rolling-restart: $name"
        docker restart --time 60 "$id" >/dev/null
        wait_until "$name" container_healthy "$id"
        sleep "$settle"
    done
done
