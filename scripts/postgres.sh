#!/usr/bin/env bash
# Start (or stop) a throw-away PostgreSQL + PostGIS server for Vigil's tests and benchmarks.
#
#   scripts/postgres.sh [start]   install if missing, create the cluster if missing, start it if
#                                 stopped; last line of stdout is the database URL:
#                                     VIGIL_TEST_PG=$(scripts/postgres.sh)
#   scripts/postgres.sh stop      stop it (no-op if it is not running)
#   scripts/postgres.sh status    exit 0 and print the URL if it is running, exit 3 if not
#
# Environment (all optional):
#   VIGIL_PG_DIR      cluster directory            (default /tmp/vigil-pg)
#   VIGIL_PG_PORT     TCP port on 127.0.0.1        (default 55432)
#   VIGIL_PG_USER     login role to create         (default vigil)
#   VIGIL_PG_VERSION  PostgreSQL major version     (default: newest installed, else Debian's default)
#
# Only the URL goes to stdout; everything else goes to stderr.
#
# The cluster is for tests on one machine and is NOT secure: every connection from 127.0.0.1 is
# trusted without a password (pg_hba "trust"), and the login role is a superuser so that tests can
# create their own databases and the postgis extension in them. It listens on 127.0.0.1 only and has
# no Unix socket, so nothing outside this machine can reach it. Never point it at real data.
set -euo pipefail

# Keep stdout for the URL alone.
exec 3>&1 1>&2

PG_DIR=${VIGIL_PG_DIR:-/tmp/vigil-pg}
PG_PORT=${VIGIL_PG_PORT:-55432}
PG_USER=${VIGIL_PG_USER:-vigil}
PG_DB=vigil
ACTION=${1:-start}

log() { printf 'postgres.sh: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

case "$ACTION" in
  start|stop|status) ;;
  -h|--help|help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) die "unknown action '$ACTION' (expected start, stop or status)" ;;
esac

[[ $PG_PORT =~ ^[0-9]+$ ]] || die "VIGIL_PG_PORT must be a number, got '$PG_PORT'"
[[ $PG_USER =~ ^[a-z_][a-z0-9_]*$ ]] || die "VIGIL_PG_USER must be a plain lower-case identifier"
case "$PG_DIR" in /*) ;; *) PG_DIR="$PWD/$PG_DIR" ;; esac

URL="postgres://${PG_USER}@127.0.0.1:${PG_PORT}/${PG_DB}"
IS_ROOT=0; [[ $(id -u) -eq 0 ]] && IS_ROOT=1

# The server refuses to run as root: as root, run its programs as the `postgres` user.
as_pg() {
  if (( IS_ROOT )); then runuser -u postgres -- "$@"; else "$@"; fi
}

# --- which PostgreSQL -------------------------------------------------------------------------
# /usr/local/bin may hold its own pg_ctl/initdb/postgres (on these machines they are symlinks to
# Debian's, but that is not guaranteed), and Debian's /usr/bin/pg_ctl is a wrapper around
# pg_ctlcluster. So we never rely on PATH: we use /usr/lib/postgresql/<ver>/bin explicitly.
newest_installed() {
  local d v best=""
  for d in /usr/lib/postgresql/*/bin/postgres; do
    [[ -x $d ]] || continue
    v=${d#/usr/lib/postgresql/}; v=${v%%/*}
    if [[ -z $best ]] || (( v > best )); then best=$v; fi
  done
  printf '%s' "$best"
}

apt_updated=0
apt_update() {
  (( IS_ROOT )) || die "need root to install PostgreSQL/PostGIS (or install them yourself)"
  if (( ! apt_updated )); then
    log "apt-get update"
    apt-get update -qq >&2
    apt_updated=1
  fi
}
apt_install() {
  apt_update
  log "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2
}

PG_VER=${VIGIL_PG_VERSION:-$(newest_installed)}
if [[ $ACTION == start ]]; then
  if [[ -z $PG_VER ]]; then
    # Nothing installed: ask the `postgresql` metapackage which version is Debian's default
    # (bookworm: postgresql-15).
    apt_update
    PG_VER=$(apt-cache depends postgresql 2>/dev/null \
      | sed -n 's/^ *Depends: postgresql-\([0-9][0-9]*\)$/\1/p' | head -n1)
    [[ -n $PG_VER ]] || die "cannot tell which postgresql-<ver> package to install"
  fi
  pkgs=()
  [[ -x /usr/lib/postgresql/$PG_VER/bin/postgres ]] || pkgs+=("postgresql-$PG_VER")
  [[ -f /usr/share/postgresql/$PG_VER/extension/postgis.control ]] \
    || pkgs+=("postgresql-$PG_VER-postgis-3")
  # Installing the server package may create and start Debian's own `main` cluster on 5432;
  # that is harmless here and we leave it alone.
  (( ${#pkgs[@]} == 0 )) || apt_install "${pkgs[@]}"
fi
BIN=/usr/lib/postgresql/$PG_VER/bin
if [[ $ACTION == start ]]; then
  [[ -x $BIN/postgres ]] || die "$BIN/postgres not found after install"
fi

is_running() {
  [[ -n $PG_VER && -x $BIN/pg_ctl && -f $PG_DIR/PG_VERSION ]] \
    && as_pg "$BIN/pg_ctl" status -D "$PG_DIR" >/dev/null 2>&1
}

# psql as the bootstrap superuser `postgres`, over TCP (there is no socket).
psql_admin() {
  "$BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres "$@"
}

# --- stop / status ------------------------------------------------------------------------------
if [[ $ACTION == stop ]]; then
  if is_running; then
    log "stopping the server in $PG_DIR"
    as_pg "$BIN/pg_ctl" stop -D "$PG_DIR" -m fast -w >&2
  else
    log "no server running in $PG_DIR"
  fi
  exit 0
fi
if [[ $ACTION == status ]]; then
  if is_running; then echo "$URL" >&3; exit 0; fi
  log "not running ($PG_DIR)"; exit 3
fi

# --- create the cluster -----------------------------------------------------------------------
if [[ ! -f $PG_DIR/PG_VERSION ]]; then
  if [[ -e $PG_DIR ]] && [[ -n $(ls -A "$PG_DIR") ]]; then
    die "$PG_DIR exists, is not empty and holds no PostgreSQL cluster; refusing to touch it"
  fi
  mkdir -p "$PG_DIR"
  (( IS_ROOT )) && chown postgres:postgres "$PG_DIR"
  chmod 700 "$PG_DIR"
  as_pg test -w "$PG_DIR" \
    || die "the postgres user cannot write $PG_DIR (is a parent directory closed to it?)"
  log "initdb $PG_DIR (PostgreSQL $PG_VER)"
  # --auth=trust: see the header, this is a throw-away cluster. The C.UTF-8 locale exists on
  # every Debian and makes sort order independent of the machine's locale settings.
  as_pg "$BIN/initdb" -D "$PG_DIR" -U postgres --auth=trust \
    --encoding=UTF8 --locale=C.UTF-8 >&2

  # Settings for tests and benchmarks (appended last, so they override the defaults):
  # - fsync, synchronous_commit and full_page_writes stay ON (the defaults). Turning them off makes
  #   tests a little faster, but the same cluster is used by bench/import, which compares against
  #   Vigil's SQLite writes that do fsync at commit; a durable PostgreSQL is the fair baseline.
  # - wal_level stays at its default (replica), so COPY into a new table writes WAL as it would on
  #   a real server (wal_level=minimal would let it skip WAL and flatter PostgreSQL).
  # - max_wal_size is raised so that a 1M-row load does not force checkpoints every 1 GB of WAL,
  #   and checkpoint_timeout longer so timings are not cut by a timed checkpoint.
  # - shared_buffers/maintenance_work_mem are moderate values for a 24 GiB machine that is also
  #   building Rust; maintenance_work_mem speeds up index builds (GiST), as it would be set on any
  #   server loading data.
  # - jit off: JIT compilation adds unpredictable latency to single big statements and tests
  #   are short; none of our queries gains from it.
  # - No Unix socket (unix_socket_directories = ''): only TCP on 127.0.0.1, so there is no
  #   /var/run/postgresql to need and nothing collides with a system cluster's socket.
  cat >>"$PG_DIR/postgresql.conf" <<EOF

# ---- added by scripts/postgres.sh (throw-away test/benchmark cluster) ----
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = ''
max_connections = 100
shared_buffers = '256MB'
maintenance_work_mem = '512MB'
work_mem = '16MB'
max_wal_size = '4GB'
checkpoint_timeout = '30min'
jit = off
timezone = 'UTC'
log_timezone = 'UTC'
logging_collector = off
log_min_messages = warning
EOF
  # Trust only loopback TCP; nothing else may connect.
  cat >"$PG_DIR/pg_hba.conf" <<'EOF'
# Throw-away cluster made by scripts/postgres.sh: loopback only, no passwords (trust).
# TYPE  DATABASE  USER  ADDRESS        METHOD
host    all       all   127.0.0.1/32   trust
EOF
  (( IS_ROOT )) && chown postgres:postgres "$PG_DIR/postgresql.conf" "$PG_DIR/pg_hba.conf"
fi

# The cluster remembers its own version; use that one, whatever is newest now.
CLUSTER_VER=$(cat "$PG_DIR/PG_VERSION")
if [[ $CLUSTER_VER != "$PG_VER" ]]; then
  [[ -x /usr/lib/postgresql/$CLUSTER_VER/bin/postgres ]] \
    || die "$PG_DIR holds a PostgreSQL $CLUSTER_VER cluster but that server is not installed"
  PG_VER=$CLUSTER_VER
  BIN=/usr/lib/postgresql/$PG_VER/bin
fi

# --- start it -----------------------------------------------------------------------------------
if is_running; then
  log "already running in $PG_DIR"
else
  log "starting PostgreSQL $PG_VER on 127.0.0.1:$PG_PORT (log: $PG_DIR/server.log)"
  # 3>&-: the server must not inherit our stdout (fd 3), or `$(scripts/postgres.sh)` would wait
  # for the server to exit before returning.
  if ! as_pg "$BIN/pg_ctl" start -D "$PG_DIR" -l "$PG_DIR/server.log" -w -t 60 \
      -o "-p $PG_PORT" >&2 3>&-; then
    log "server failed to start; end of $PG_DIR/server.log:"
    tail -n 20 "$PG_DIR/server.log" >&2 || true
    exit 1
  fi
fi

# --- role, database, extension (idempotent; cheap when they exist) ----------------------------
for _ in $(seq 1 30); do
  "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" && break
  sleep 0.5
done
if [[ $(psql_admin -d postgres -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$PG_USER'") != 1 ]]; then
  log "creating role $PG_USER"
  psql_admin -d postgres -c "CREATE ROLE \"$PG_USER\" LOGIN SUPERUSER"
fi
if [[ $(psql_admin -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$PG_DB'") != 1 ]]; then
  log "creating database $PG_DB"
  psql_admin -d postgres -c "CREATE DATABASE \"$PG_DB\" OWNER \"$PG_USER\""
fi
psql_admin -d "$PG_DB" -c "SET client_min_messages = warning" \
  -c "CREATE EXTENSION IF NOT EXISTS postgis"
# Check that PostGIS really answers (the CREATE above would have failed loudly otherwise).
psql_admin -d "$PG_DB" -tAc "SELECT postgis_lib_version()" >/dev/null

log "ready: $URL"
echo "$URL" >&3
