#!/usr/bin/env bash
# Starts and stops a private PostgreSQL 15 + PostGIS 3 cluster for the tests and for developers
# (Debian 12 packages postgresql and postgresql-15-postgis-3). The cluster lives in DIR (default
# ${ZONEATLAS_PG_DIR:-/tmp/zoneatlas-pg}), listens on 127.0.0.1:${ZONEATLAS_PG_PORT:-55432} and on a
# Unix socket in DIR only, so it never meets a system cluster (5432, /var/run/postgresql). Superuser
# zoneatlas: trusted on the socket, scram-sha-256 with password "zoneatlas" over TCP. Databases:
# zoneatlas (with PostGIS) and zoneatlas_nopostgis (without). Log: DIR/postgres.log.
#
#   scripts/postgis.sh start [DIR]   # init if needed, start (idempotent), create the databases
#   scripts/postgis.sh stop [DIR]    # stop if running, then delete DIR
#   scripts/postgis.sh env [DIR]     # export lines for the shell: eval "$(scripts/postgis.sh env)"
#
# PostgreSQL refuses to run as root, so as root the server runs as Debian's `postgres` user and DIR
# is handed to it; otherwise it runs as the current user.
set -euo pipefail

bin=/usr/lib/postgresql/15/bin
user=zoneatlas
password=zoneatlas
port=${ZONEATLAS_PG_PORT:-55432}
marker=.zoneatlas-pg

die() { echo "postgis.sh: $*" >&2; exit 1; }
say() { echo "postgis.sh: $*" >&2; }

{ [ $# -ge 1 ] && [ $# -le 2 ]; } || die "usage: scripts/postgis.sh start|stop|env [DIR]"
command=$1
dir=${2:-${ZONEATLAS_PG_DIR:-/tmp/zoneatlas-pg}}
case $dir in /*) ;; *) dir=$PWD/$dir ;; esac
dir=${dir%/}
[[ $dir =~ ^/[A-Za-z0-9._/+-]+$ ]] || die "DIR must be a path of letters, digits and ._/+- only: '$dir'"
[[ $port =~ ^[0-9]+$ ]] || die "ZONEATLAS_PG_PORT is not a port number: '$port'"
data=$dir/data
log=$dir/postgres.log
cd /   # the server user may not be able to enter the caller's directory

# Runs a command as the user that owns the cluster.
if [ "$(id -u)" -eq 0 ]; then
    getent passwd postgres >/dev/null || die "no 'postgres' user; install the postgresql package"
    as_owner() { runuser -u postgres -- "$@"; }
    owner=postgres
    give() { chown postgres: "$@"; }
else
    as_owner() { "$@"; }
    owner=$(id -un)
    give() { :; }
fi

need_binaries() {
    [ -x "$bin/initdb" ] || die "$bin/initdb is missing; install PostgreSQL 15 and PostGIS 3:" \
        "apt-get install -y postgresql postgresql-15-postgis-3"
}

# pg_ctl status: 0 running, 3 not running, 4 no accessible data directory.
status() {
    local rc=0
    as_owner "$bin/pg_ctl" status -D "$data" >/dev/null 2>&1 || rc=$?
    echo "$rc"
}

# Refuses to take over (chown, delete) a directory this script did not create.
check_ours() {
    if [ -d "$dir" ] && [ ! -e "$dir/$marker" ] && [ -n "$(ls -A "$dir")" ]; then
        die "$dir is not empty and was not made by this script; refusing to use it"
    fi
}

fail_with_log() {
    say "$1; last lines of $log:"
    tail -n 30 "$log" >&2 2>/dev/null || true
    exit 1
}

psql_as() { # DATABASE, SQL on stdin
    "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir" -p "$port" -U "$user" -d "$1" -f - >&2
}

start() {
    need_binaries
    [ -e /usr/share/postgresql/15/extension/postgis.control ] \
        || die "PostGIS for PostgreSQL 15 is missing: apt-get install -y postgresql-15-postgis-3"
    check_ours
    mkdir -p "$dir"
    touch "$dir/$marker"
    [ -e "$data" ] || give "$dir"   # never take over a cluster that another user made
    as_owner test -w "$dir" -a -x "$dir" || die "$dir is not writable by $owner"

    if [ ! -e "$data/PG_VERSION" ]; then
        say "initialising a cluster in $data"
        local pwfile=$dir/pwfile
        (umask 077 && echo "$password" >"$pwfile")
        give "$pwfile"
        if ! as_owner "$bin/initdb" -D "$data" -U "$user" --pwfile="$pwfile" --auth-local=trust \
                --auth-host=scram-sha-256 -E UTF8 --locale=C >"$dir/initdb.log" 2>&1; then
            rm -f "$pwfile"
            cat "$dir/initdb.log" >&2
            die "initdb failed"
        fi
        rm -f "$pwfile"
        cat >>"$data/postgresql.conf" <<EOF

# scripts/postgis.sh
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
EOF
    fi

    local rc
    rc=$(status)
    if [ "$rc" -eq 0 ]; then
        local running
        running=$(as_owner sed -n 4p "$data/postmaster.pid")
        [ "$running" = "$port" ] || die "the cluster in $dir already runs on port $running, not $port; stop it first"
        say "the cluster in $dir already runs on port $port"
    elif [ "$rc" -eq 3 ]; then
        as_owner "$bin/pg_ctl" start -s -W -D "$data" -l "$log" -o "-p $port" >&2 \
            || fail_with_log "pg_ctl start failed"
        local started=$SECONDS
        until "$bin/pg_isready" -q -h "$dir" -p "$port" -U "$user" -d postgres; do
            [ $((SECONDS - started)) -lt 30 ] || fail_with_log "the server did not accept connections within 30 s"
            if [ $((SECONDS - started)) -ge 2 ] && [ "$(status)" -ne 0 ]; then
                fail_with_log "the server exited"
            fi
            sleep 0.2
        done
    else
        die "cannot read the cluster in $data as $owner"
    fi

    psql_as postgres <<'EOF'
SELECT format('CREATE DATABASE %I', name) FROM unnest(ARRAY['zoneatlas', 'zoneatlas_nopostgis']) AS name
    WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = name) \gexec
EOF
    psql_as zoneatlas <<<'SET client_min_messages = warning; CREATE EXTENSION IF NOT EXISTS postgis;'
    say "PostgreSQL 15 + PostGIS ready in $dir, 127.0.0.1:$port; eval \"\$(scripts/postgis.sh env)\""
}

stop() {
    if [ ! -d "$dir" ]; then
        say "no cluster in $dir"
        return
    fi
    check_ours
    if [ -e "$data/PG_VERSION" ]; then
        need_binaries
        local rc
        rc=$(status)
        if [ "$rc" -eq 0 ]; then
            as_owner "$bin/pg_ctl" stop -s -D "$data" -m fast -w >&2
        elif [ "$rc" -ne 3 ]; then
            die "cannot read the cluster in $data as $owner; not deleting $dir"
        fi
    fi
    rm -rf "$dir"
    say "stopped and removed $dir"
}

case $command in
    start) start ;;
    stop) stop ;;
    env)
        printf 'export PGHOST=%s PGPORT=%s PGUSER=%s PGDATABASE=zoneatlas\n' "$dir" "$port" "$user"
        printf 'export ZONEATLAS_TEST_POSTGRES=postgresql://%s:%s@127.0.0.1:%s/zoneatlas\n' \
            "$user" "$password" "$port"
        ;;
    *) die "usage: scripts/postgis.sh start|stop|env [DIR]" ;;
esac
