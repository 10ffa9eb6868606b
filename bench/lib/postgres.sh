# Sourced by bench scripts. bench_postgres WORKDIR NAME: a fresh database NAME_<random> on $SWARMGRID_TEST_POSTGRES, or
# on a private PostgreSQL started on a free loopback port ($pg_port) under WORKDIR/pg (stopped by bench_postgres_stop). Sets
# $postgres to its connection string.
pg_bin=""

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

bench_postgres() {
    local workdir=$1 name=$2 admin database
    if [[ -n "${SWARMGRID_TEST_POSTGRES:-}" ]]; then
        admin="$SWARMGRID_TEST_POSTGRES"
    else
        pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
        pg_port=$(free_port)
        chmod 755 "$workdir" && mkdir -p "$workdir/pg" && chown postgres:postgres "$workdir/pg"
        runuser -u postgres -- "$pg_bin/initdb" -D "$workdir/pg/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
        runuser -u postgres -- "$pg_bin/pg_ctl" -D "$workdir/pg/data" -l "$workdir/pg/log" -w \
            -o "-p $pg_port -c listen_addresses=127.0.0.1 -k $workdir/pg" start >/dev/null
        admin="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"
    fi
    database="${name}_$RANDOM$RANDOM"
    psql "postgresql://postgres@127.0.0.1:$(sed -E 's/.*Port=([0-9]+).*/\1/' <<<"$admin")/postgres" -qc "CREATE DATABASE $database" >/dev/null
    postgres="${admin/Database=postgres/Database=$database}"
}

bench_postgres_stop() {
    local workdir=$1
    if [[ -n "$pg_bin" ]]; then
        runuser -u postgres -- "$pg_bin/pg_ctl" -D "$workdir/pg/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
}
