#!/usr/bin/env bash
# Writes deploy/nginx/swarmgrid.conf for bare metal: your silos, web fronts and listen addresses instead of the
# compose service names. Usage:
#   render.sh --silo HOST:HTTP_PORT:UDP_PORT ... --webfront HOST:PORT ... [--listen-http ADDR:PORT]
#             [--listen-udp ADDR:PORT] [--stream-module PATH] > /etc/nginx/swarmgrid.conf
# --stream-module loads nginx's stream module where it is a dynamic module (Debian: libnginx-mod-stream,
# /usr/lib/nginx/modules/ngx_stream_module.so). Run nginx with -p DIR so its pid file and temp files go under DIR.
set -euo pipefail

silos=() webfronts=() listen_http=8080 listen_udp=6969 stream_module=""
while [ $# -gt 0 ]; do
    case "$1" in
        --silo) silos+=("$2"); shift 2 ;;
        --webfront) webfronts+=("$2"); shift 2 ;;
        --listen-http) listen_http="$2"; shift 2 ;;
        --listen-udp) listen_udp="$2"; shift 2 ;;
        --stream-module) stream_module="$2"; shift 2 ;;
        *) echo "render.sh: unknown argument $1" >&2; exit 2 ;;
    esac
done
if [ ${#silos[@]} -eq 0 ] || [ ${#webfronts[@]} -eq 0 ]; then
    echo "render.sh: give at least one --silo HOST:HTTP_PORT:UDP_PORT and one --webfront HOST:PORT" >&2
    exit 2
fi
for silo in "${silos[@]}"; do
    [[ "$silo" =~ ^[^:]+:[0-9]+:[0-9]+$ ]] || { echo "render.sh: --silo $silo is not HOST:HTTP_PORT:UDP_PORT" >&2; exit 2; }
done

template="$(dirname "$0")/swarmgrid.conf"
awk -v silos="${silos[*]}" -v webfronts="${webfronts[*]}" -v listen_http="$listen_http" -v listen_udp="$listen_udp" \
    -v stream_module="$stream_module" '
    function each(line, from, list, part,    n, items, i, fields, copy) {
        n = split(list, items, " ")
        for (i = 1; i <= n; i++) {
            copy = line
            if (part > 0) { split(items[i], fields, ":"); sub(from, fields[1] ":" fields[part + 1], copy) }
            else { sub(from, items[i], copy) }
            print copy
        }
    }
    /# @stream-module/ { if (stream_module != "") print "load_module " stream_module ";"; next }
    /# @silo-http/ { each($0, "silo:8080", silos, 1); next }
    /# @silo-udp/ { each($0, "silo:6969", silos, 2); next }
    /# @webfront-http/ { each($0, "webfront:8080", webfronts, 0); next }
    /# @listen-http/ { sub("listen 8080", "listen " listen_http); print; next }
    /# @listen-udp/ { sub("listen 6969", "listen " listen_udp); print; next }
    { print }
' "$template"
