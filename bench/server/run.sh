#!/usr/bin/env bash
# Load benchmark of `vigil serve`: requests per second and latency of the incident items query
#   GET /api/incidents?bbox=…&datetime=FROM/TO&limit=100
# over a database of a million incidents, driven by wrk; beside it pgbench running the same
# query against PostGIS (GiST index on the point, B-tree indexes on the times), with the same
# number of client connections.
#
#   bench/server/run.sh [INCIDENTS]        default 1000000
#
# Environment (all optional):
#   BENCH_SEED=42            seed for bench/check/generate.py (the incidents file is shared
#                            with that benchmark's cache)
#   BENCH_CONNECTIONS=8      client connections, wrk and pgbench alike
#   BENCH_THREADS=2          wrk threads and pgbench -j
#   BENCH_DURATION=30        seconds of the mixed run (every query in turn)
#   BENCH_EACH=10            seconds of each query alone; 0: no runs per query
#   BENCH_PORT=18080         where the server listens (127.0.0.1)
#   BENCH_BACKEND=sqlite     which storage `vigil serve` runs on: sqlite (a file), postgres
#                            (database bench_server_N on scripts/postgres.sh's cluster), or
#                            both (SQLite first, then PostgreSQL, one after the other)
#   BENCH_REBUILD=0          1: build Vigil's database(s) again even if they hold the incidents
#   BENCH_SKIP_PG=0          1: no PostgreSQL
#   BENCH_WRITES=10          seconds of the incident-write run (PUT /api/incidents/{id}, and
#                            INSERT on PostgreSQL); 0: no writes
#   VIGIL_BIN                use this vigil binary instead of building target/release/vigil
#
# The time to build either database is printed but is not the benchmark. Progress goes to
# stderr, the tables to stdout. See bench/server/README.md.
set -euo pipefail
shopt -s inherit_errexit

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HERE=$ROOT/bench/server
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
case "$TARGET" in /*) ;; *) TARGET="$ROOT/$TARGET" ;; esac
DATA=$TARGET/bench-data
SEED=${BENCH_SEED:-42}
N=${1:-1000000}
CONNECTIONS=${BENCH_CONNECTIONS:-8}
THREADS=${BENCH_THREADS:-2}
DURATION=${BENCH_DURATION:-30}
EACH=${BENCH_EACH:-10}
PORT=${BENCH_PORT:-18080}
REBUILD=${BENCH_REBUILD:-0}
SKIP_PG=${BENCH_SKIP_PG:-0}
WRITE_SECONDS=${BENCH_WRITES:-10}
BACKEND=${BENCH_BACKEND:-sqlite}

log() { printf 'bench/server: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

for v in "$N" "$CONNECTIONS" "$THREADS" "$DURATION" "$PORT"; do
  [[ $v =~ ^[1-9][0-9]*$ ]] || die "counts, durations and the port must be positive integers, got '$v'"
done
[[ $EACH =~ ^[0-9]+$ ]] || die "BENCH_EACH must be a number of seconds"
[[ $WRITE_SECONDS =~ ^[0-9]+$ ]] || die "BENCH_WRITES must be a number of seconds"
[[ $SEED =~ ^[0-9]+$ ]] || die "BENCH_SEED must be a non-negative integer"
case $BACKEND in
  sqlite | postgres) BACKENDS=("$BACKEND") ;;
  both) BACKENDS=(sqlite postgres) ;;
  *) die "BENCH_BACKEND must be sqlite, postgres or both, got '$BACKEND'" ;;
esac
command -v curl >/dev/null || die "curl is missing: apt-get install curl"
mkdir -p "$DATA"
now() { date +%s.%N; }
elapsed() { python3 -c 'import sys; print(f"{float(sys.argv[2]) - float(sys.argv[1]):.1f}")' "$1" "$2"; }

# --- tools --------------------------------------------------------------------------------------
if ! command -v wrk >/dev/null; then
  [[ $(id -u) -eq 0 ]] || die "wrk is missing: apt-get install wrk"
  log "installing Debian's wrk package"
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >&2
fi
if [[ -n ${VIGIL_BIN:-} ]]; then
  VIGIL=$VIGIL_BIN
else
  log "cargo build --release -p vigil-cli, and the explain_search example"
  (cd "$ROOT" && cargo build --release -p vigil-cli \
    && cargo build --release -p vigil-store-sqlite --example explain_search) >&2
  VIGIL=$TARGET/release/vigil
fi
[[ -x $VIGIL ]] || die "no vigil binary at $VIGIL"
EXPLAIN=$TARGET/release/examples/explain_search

# --- the queries --------------------------------------------------------------------------------
NAMES=() BBOXES=() FROMS=() TOS=()
while read -r name bbox from to; do
  [[ -z $name || $name == \#* ]] && continue
  NAMES+=("$name") BBOXES+=("$bbox") FROMS+=("$from") TOS+=("$to")
done <"$HERE/queries.txt"
(( ${#NAMES[@]} )) || die "no queries in $HERE/queries.txt"
path_of() { printf '/api/incidents?bbox=%s&datetime=%s/%s&limit=100' "${BBOXES[$1]}" "${FROMS[$1]}" "${TOS[$1]}"; }

# --- the data -----------------------------------------------------------------------------------
CSV=$DATA/check-incidents-seed$SEED-$N.csv
if [[ ! -s $CSV ]]; then
  log "generating $CSV"
  python3 "$ROOT/bench/check/generate.py" --seed "$SEED" --incidents "$N" --incidents-out "$CSV"
fi

# The throw-away PostgreSQL cluster, when anything needs it: Vigil's PostgreSQL backend and/or
# the pgbench baseline. PG_URL names its `vigil` database; PG_BASE is the URL without it.
PG_URL="" PG_BASE="" PSQL=()
if [[ " ${BACKENDS[*]} " == *" postgres "* || $SKIP_PG != 1 ]]; then
  command -v psql >/dev/null || log "psql not found: scripts/postgres.sh will install PostgreSQL"
  PG_URL=$("$ROOT/scripts/postgres.sh") || die "scripts/postgres.sh could not start PostgreSQL"
  [[ $PG_URL == postgres://*/* ]] || die "scripts/postgres.sh printed no URL (got '$PG_URL')"
  PG_BASE=${PG_URL%/*}
  PSQL=(psql "$PG_URL" -X -q -v ON_ERROR_STOP=1)
  export PGOPTIONS="-c client_min_messages=warning"
fi

# Prints the database (file or URL) Vigil runs the benchmark on for backend $1, building it
# from $CSV when it is missing or $REBUILD is 1. Building it is not the benchmark.
prepare_sqlite() {
  local db=$DATA/server-seed$SEED-$N.db t0
  if [[ $REBUILD == 1 || ! -s $db ]]; then
    rm -f "$db" "$db-wal" "$db-shm"
    log "vigil import --no-check of $N incidents into $db (not the benchmark)"
    t0=$(now)
    "$VIGIL" --db "$db" import --no-check --kind incidents "$CSV" >"$DATA/server-import.log" 2>&1 \
      || { tail -n 20 "$DATA/server-import.log" >&2; die "vigil import failed (log: $DATA/server-import.log)"; }
    log "  import into SQLite: $(elapsed "$t0" "$(now)") s"
  fi
  echo "$db"
}
prepare_postgres() {
  local name=bench_server_$N url have t0
  url=$PG_BASE/$name
  # Cached like the SQLite file: kept when it holds the N incidents of the file (the incidents
  # the writes run adds have ids w-…).
  have=0
  if [[ $REBUILD != 1 && $("${PSQL[@]}" -tAc "SELECT 1 FROM pg_database WHERE datname = '$name'") == 1 ]]; then
    have=$(psql "$url" -X -q -tAc "SELECT count(*) FROM vigil.incidents WHERE id NOT LIKE 'w-%'" 2>/dev/null) || have=0
  fi
  if [[ $have != "$N" ]]; then
    log "PostgreSQL database $name: building it (it held ${have:-0} incidents, want $N)"
    "${PSQL[@]}" -c "DROP DATABASE IF EXISTS $name WITH (FORCE)" -c "CREATE DATABASE $name" >&2 \
      || die "cannot create database $name on $PG_BASE"
    psql "$url" -X -q -v ON_ERROR_STOP=1 -c "CREATE EXTENSION IF NOT EXISTS postgis" >&2 \
      || die "cannot create the postgis extension in $name"
    log "vigil --db $url import --no-check of $N incidents (not the benchmark)"
    t0=$(now)
    "$VIGIL" --db "$url" import --no-check --kind incidents "$CSV" >"$DATA/server-import-postgres.log" 2>&1 \
      || { tail -n 20 "$DATA/server-import-postgres.log" >&2; die "vigil import into PostgreSQL failed (log: $DATA/server-import-postgres.log)"; }
    log "  import into PostgreSQL: $(elapsed "$t0" "$(now)") s"
    have=$(psql "$url" -X -q -tAc "SELECT count(*) FROM vigil.incidents WHERE id NOT LIKE 'w-%'")
    [[ $have == "$N" ]] || die "after the import $name holds $have incidents, expected $N"
  fi
  log "VACUUM ANALYZE of the vigil schema in $name"
  t0=$(now)
  psql "$url" -X -q -v ON_ERROR_STOP=1 >&2 <<'EOF' || die "VACUUM ANALYZE failed in $name"
SELECT format('VACUUM ANALYZE %I.%I', schemaname, tablename) FROM pg_tables
WHERE schemaname = 'vigil' ORDER BY tablename
\gexec
EOF
  log "  VACUUM ANALYZE: $(elapsed "$t0" "$(now)") s"
  echo "$url"
}

# Signs a checkpoint of the transparency log of database $1 (backend $2), timed (not the
# benchmark). An import appends its audit entries without checkpointing them; the server's first
# write would then checkpoint them all in the background while holding the writer, and the
# writes run would measure that catch-up (hundreds of thousands of log leaves) instead of the
# writes. Cheap when nothing was written since the last checkpoint.
checkpoint_log() {
  local t0
  t0=$(now)
  "$VIGIL" --db "$1" log checkpoint >"$DATA/server-checkpoint-$2.log" 2>&1 \
    || { tail -n 20 "$DATA/server-checkpoint-$2.log" >&2; die "vigil log checkpoint failed ($2)"; }
  log "  vigil log checkpoint ($2): $(elapsed "$t0" "$(now)") s"
}

# How Vigil answers query $2 on backend $1 (database $3), on stderr. SQLite: the plan chosen and
# EXPLAIN QUERY PLAN from the explain_search example. PostgreSQL: EXPLAIN ANALYZE of the
# statement vigil-store-postgres builds for it (src/search.rs), with the values written in
# (Vigil sends them as parameters and plans each execution with its values).
explain() {
  local backend=$1 i=$2 db=$3 minlon minlat maxlon maxlat
  if [[ $backend == sqlite ]]; then
    if [[ -x $EXPLAIN ]]; then
      "$EXPLAIN" "$db" "${BBOXES[$i]}" "${FROMS[$i]}" "${TOS[$i]}" | sed 's/^/    /' >&2
    else
      log "    (no $EXPLAIN: plan not shown)"
    fi
    return
  fi
  read -r minlon minlat maxlon maxlat <<<"${BBOXES[$i]//,/ }"
  psql "$db" -X -q -c "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON)
SELECT id, title, kind, start_at, end_at, time_precision, lon, lat, precision, radius_m, area,
       weapon, damage, certainty, description
FROM vigil.incidents
WHERE id > ''
  AND space_time &&& ST_Collect(
      vigil.incident_space_time($minlon, $minlat, '${FROMS[$i]}T00:00:00Z', '${TOS[$i]}T23:59:59Z'),
      vigil.incident_space_time($maxlon, $maxlat, '${FROMS[$i]}T00:00:00Z', '${TOS[$i]}T23:59:59Z'))
  AND lon BETWEEN $minlon AND $maxlon AND lat BETWEEN $minlat AND $maxlat
  AND end_at >= '${FROMS[$i]}T00:00:00Z' AND start_at <= '${TOS[$i]}T23:59:59Z'
ORDER BY id LIMIT 101" 2>&1 | sed 's/^/    /' | cut -c1-160 >&2 || true
}

# Prints "requests_per_s p50_ms p99_ms errors" for one wrk run over the paths in $1.
run_wrk() {
  local paths=$1 seconds=$2 out
  out=$(VIGIL_BENCH_PATHS=$paths wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" --latency \
    -s "$HERE/items.lua" "$BASE") || die "wrk failed"
  printf '%s\n' "$out" | python3 -c '
import re, sys
text = sys.stdin.read()
def ms(v):
    n, unit = re.match(r"([\d.]+)(us|ms|s)", v).groups()
    return float(n) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
rps = re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)
p50 = ms(re.search(r"^\s+50%\s+(\S+)", text, re.M).group(1))
p99 = ms(re.search(r"^\s+99%\s+(\S+)", text, re.M).group(1))
bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
errors = re.search(r"Socket errors:.*", text)
print(rps, f"{p50:.2f}", f"{p99:.2f}", (bad.group(1) if bad else "0") + ("+socket" if errors else ""))
'
}

# --- the server ---------------------------------------------------------------------------------
SERVER_PID=""
stop_server() {
  if [[ -n $SERVER_PID ]]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
  fi
}
trap stop_server EXIT

# Results, one line each: "system|query|req_per_s p50 p99 errors"; items: "system|query|n more".
RESULTS=() ITEMS=() LOADS=()

# The whole Vigil side for one backend: token, server, one fetch per query (items, plan),
# wrk mixed and per query, then the writes.
bench_vigil() {
  local backend=$1 db system token_file out_file log_file path items i one
  case $backend in
    sqlite) system="Vigil on SQLite"; db=$(prepare_sqlite) ;;
    postgres) system="Vigil on PostgreSQL"; db=$(prepare_postgres) ;;
  esac
  checkpoint_log "$db" "$backend"
  LOADS+=("$system: $(uptime | sed 's/.*load average: //')")
  log "$system: load average $(uptime | sed 's/.*load average: //')"

  # A token for an analyst (staff: the full view, bbox allowed). Kept in a file only this user
  # can read, handed to wrk through its environment, never printed.
  token_file=$DATA/server-bench-$backend.token
  (umask 077 && "$VIGIL" --db "$db" token create --role analyst --label "bench/server" \
    2>/dev/null | tail -n1 >"$token_file")
  [[ -s $token_file ]] || die "vigil token create printed no token ($backend)"
  export VIGIL_BENCH_TOKEN
  VIGIL_BENCH_TOKEN=$(<"$token_file")

  out_file=$DATA/server-serve-$backend.out
  log_file=$DATA/server-serve-$backend.log
  log "vigil serve --listen 127.0.0.1:$PORT ($system)"
  VIGIL_LOG=warn VIGIL_REFRESH_FINDINGS=false "$VIGIL" --db "$db" serve --listen "127.0.0.1:$PORT" \
    >"$out_file" 2>"$log_file" &
  SERVER_PID=$!
  for _ in $(seq 1 300); do
    grep -q '^Serving' "$out_file" 2>/dev/null && break
    kill -0 "$SERVER_PID" 2>/dev/null || { tail -n 20 "$log_file" >&2; die "the server stopped ($system)"; }
    sleep 0.1
  done
  grep -q '^Serving' "$out_file" || die "the server did not start within 30 s ($system; log: $log_file)"
  BASE=http://127.0.0.1:$PORT

  # What each query returns and how the backend answers it (also warms the caches).
  PATHS_FILE=$DATA/server-paths.txt
  : >"$PATHS_FILE"
  for i in "${!NAMES[@]}"; do
    path=$(path_of "$i")
    echo "$path" >>"$PATHS_FILE"
    items=$(curl -sf -H "Authorization: Bearer $VIGIL_BENCH_TOKEN" "$BASE$path" \
      | python3 -c 'import json, sys; d = json.load(sys.stdin); print(len(d["items"]), "more" if d["next"] else "last")') \
      || die "GET $path failed ($system)"
    ITEMS+=("$system|${NAMES[$i]}|$items")
    log "${NAMES[$i]}: $items; plan:"
    explain "$backend" "$i" "$db"
  done

  log "wrk: every query in turn, ${DURATION}s, $CONNECTIONS connections ($system)"
  RESULTS+=("$system|mixed|$(run_wrk "$PATHS_FILE" "$DURATION")")
  if (( EACH > 0 )); then
    for i in "${!NAMES[@]}"; do
      one=$DATA/server-path-$i.txt
      path_of "$i" >"$one"
      log "wrk: ${NAMES[$i]} alone, ${EACH}s ($system)"
      RESULTS+=("$system|${NAMES[$i]}|$(run_wrk "$one" "$EACH")")
    done
  fi

  # --- incident writes --------------------------------------------------------------------------
  # PUT /api/incidents/{new id} as a monitor: one incident, its audit entry and its search-index
  # rows per request, each a transaction made durable (fsync) before the answer. The findings
  # refresh after writes is off in this server (VIGIL_REFRESH_FINDINGS=false, above): at a
  # million incidents each refresh is a whole cross-check.
  if (( WRITE_SECONDS > 0 )); then
    local monitor_file=$DATA/server-bench-$backend-monitor.token first_id report
    (umask 077 && "$VIGIL" --db "$db" token create --role monitor --label "bench/server writes" \
      2>/dev/null | tail -n1 >"$monitor_file")
    [[ -s $monitor_file ]] || die "vigil token create printed no monitor token ($backend)"
    first_id=$(sed -n '2{s/,.*//;p;q}' "$CSV")
    report=$(curl -sf -H "Authorization: Bearer $(<"$monitor_file")" "$BASE/api/incidents/$first_id" \
      | python3 -c 'import json, sys; print(json.load(sys.stdin)["reports"][0])') \
      || die "cannot read incident $first_id as a monitor ($system)"
    log "wrk: PUT /api/incidents/{new id}, ${WRITE_SECONDS}s, $CONNECTIONS connections (report $report; $system)"
    out=$(VIGIL_BENCH_TOKEN=$(<"$monitor_file") VIGIL_BENCH_REPORT=$report \
      VIGIL_BENCH_RUN=$(date +%s) wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WRITE_SECONDS}s" \
      --latency -s "$HERE/writes.lua" "$BASE") || die "wrk (writes) failed"
    RESULTS+=("$system|writes|$(printf '%s\n' "$out" | python3 -c '
import re, sys
text = sys.stdin.read()
def ms(v):
    n, unit = re.match(r"([\d.]+)(us|ms|s)", v).groups()
    return float(n) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
rps = re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)
p50 = ms(re.search(r"^\s+50%\s+(\S+)", text, re.M).group(1))
p99 = ms(re.search(r"^\s+99%\s+(\S+)", text, re.M).group(1))
bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
errors = re.search(r"Socket errors:.*", text)
print(rps, f"{p50:.2f}", f"{p99:.2f}", (bad.group(1) if bad else "0") + ("+socket" if errors else ""))
')")
  fi
  stop_server
  if [[ -s $log_file ]]; then
    log "$system: the server logged $(wc -l <"$log_file") lines (warnings or errors) in $log_file; last ones:"
    tail -n 5 "$log_file" | cut -c1-300 >&2
  fi
}

for backend in "${BACKENDS[@]}"; do
  bench_vigil "$backend"
done

# --- PostgreSQL + PostGIS -----------------------------------------------------------------------
PG_VERSION="-"
if [[ -n $PG_URL ]]; then
  PG_VERSION=$("${PSQL[@]}" -tAc "SELECT current_setting('server_version') || ', PostGIS ' || postgis_lib_version()")
fi
if [[ $SKIP_PG != 1 ]]; then
  LOADS+=("pgbench: $(uptime | sed 's/.*load average: //')")
  log "pgbench side: load average $(uptime | sed 's/.*load average: //')"
  if [[ $REBUILD == 1 || $("${PSQL[@]}" -tAc "SELECT count(*) FROM pg_tables WHERE schemaname = 'bench_server' AND tablename = 'incidents_$N'") != 1 ]]; then
    log "loading $N incidents into PostgreSQL (not the benchmark)"
    t0=$(now)
    # Times as Vigil stores them: a day-level end covers its whole day.
    "${PSQL[@]}" <<EOF >&2
CREATE SCHEMA IF NOT EXISTS bench_server;
DROP TABLE IF EXISTS bench_server.incidents_$N, bench_server.load_$N;
CREATE UNLOGGED TABLE bench_server.load_$N (
  id text, kind text, lon double precision, lat double precision, radius_m double precision,
  start date, "end" date);
\\copy bench_server.load_$N FROM '$CSV' WITH (FORMAT csv, HEADER true)
CREATE TABLE bench_server.incidents_$N AS
SELECT id, kind, lon, lat, radius_m,
       start::timestamp AT TIME ZONE 'UTC' AS start_at,
       ("end" + 1)::timestamp AT TIME ZONE 'UTC' - interval '1 second' AS end_at,
       ST_SetSRID(ST_MakePoint(lon, lat), 4326)::geometry(Point, 4326) AS geom
FROM bench_server.load_$N;
DROP TABLE bench_server.load_$N;
ALTER TABLE bench_server.incidents_$N ADD PRIMARY KEY (id);
CREATE INDEX ON bench_server.incidents_$N USING gist (geom);
CREATE INDEX ON bench_server.incidents_$N (start_at);
CREATE INDEX ON bench_server.incidents_$N (end_at);
VACUUM ANALYZE bench_server.incidents_$N;
EOF
    log "  load: $(elapsed "$t0" "$(now)") s"
  fi
  PGDIR=$DATA/server-pgbench
  rm -rf "$PGDIR"; mkdir -p "$PGDIR"
  for i in "${!NAMES[@]}"; do
    read -r minlon minlat maxlon maxlat <<<"${BBOXES[$i]//,/ }"
    matches="SELECT id, kind, lon, lat, radius_m, start_at, end_at FROM bench_server.incidents_$N
WHERE geom && ST_MakeEnvelope($minlon, $minlat, $maxlon, $maxlat, 4326)
  AND start_at <= '${TOS[$i]}T23:59:59Z' AND end_at >= '${FROMS[$i]}T00:00:00Z'"
    # The query as written, planned as PostgreSQL sees fit; and the same query with the
    # matches found first through the indexes (OFFSET 0 keeps the planner from walking the
    # primary key in id order instead), then sorted: the two plans Vigil chooses between.
    printf '%s\nORDER BY id LIMIT 101;\n' "$matches" >"$PGDIR/$i.sql"
    printf 'SELECT * FROM (%s\nOFFSET 0) AS matches ORDER BY id LIMIT 101;\n' "$matches" >"$PGDIR/$i-indexed.sql"
    for variant in "" -indexed; do
      log "${NAMES[$i]}: PostgreSQL plan${variant:+ (index first)}:"
      "${PSQL[@]}" -c "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) $(cat "$PGDIR/$i$variant.sql")" \
        | sed 's/^/    /' | cut -c1-160 >&2
    done
  done

  # Prints "tps p50_ms p99_ms failed" for one pgbench run of the given scripts (one picked at
  # random per transaction, equal weights); latencies from the per-transaction log.
  run_pgbench() {
    local seconds=$1; shift
    local args=() f out
    for f in "$@"; do args+=(-f "$f"); done
    rm -f "$PGDIR"/pgbench_log.*
    out=$(cd "$PGDIR" && pgbench "$PG_URL" -n -M prepared -c "$CONNECTIONS" -j "$THREADS" \
      -T "$seconds" -l "${args[@]}" 2>&1) || { printf '%s\n' "$out" >&2; die "pgbench failed"; }
    printf '%s\n' "$out" >"$PGDIR/pgbench.out"
    python3 - "$PGDIR" <<'EOF'
import glob, re, sys
text = open(sys.argv[1] + "/pgbench.out").read()
tps = re.search(r"tps = ([\d.]+)", text).group(1)
failed = re.search(r"number of failed transactions: (\d+)", text)
lat = []
for path in glob.glob(sys.argv[1] + "/pgbench_log.*"):
    with open(path) as f:
        lat.extend(int(line.split()[2]) / 1000 for line in f)
lat.sort()
q = lambda p: lat[min(len(lat) - 1, int(p * len(lat)))]
print(f"{float(tps):.1f}", f"{q(0.50):.2f}", f"{q(0.99):.2f}", failed.group(1) if failed else "0")
EOF
  }
  for variant in "" -indexed; do
    all=()
    for i in "${!NAMES[@]}"; do all+=("$PGDIR/$i$variant.sql"); done
    log "pgbench${variant:+ (index first)}: every query, ${DURATION}s, $CONNECTIONS connections"
    RESULTS+=("PostGIS${variant:+ index-first} (pgbench)|mixed|$(run_pgbench "$DURATION" "${all[@]}")")
    if (( EACH > 0 )); then
      for i in "${!NAMES[@]}"; do
        log "pgbench${variant:+ (index first)}: ${NAMES[$i]} alone, ${EACH}s"
        RESULTS+=("PostGIS${variant:+ index-first} (pgbench)|${NAMES[$i]}|$(run_pgbench "$EACH" "$PGDIR/$i$variant.sql")")
      done
    fi
  done
  if (( WRITE_SECONDS > 0 )); then
    # The same write on PostgreSQL: one INSERT of a new incident into the million-row table
    # (primary key, GiST and two B-tree indexes to update), committed durably. The written rows
    # are removed afterwards, so the next run reads the same table.
    "${PSQL[@]}" -c "CREATE SEQUENCE IF NOT EXISTS bench_server.write_seq" \
      -c "DELETE FROM bench_server.incidents_$N WHERE id LIKE 'w-%'"
    cat >"$PGDIR/write.sql" <<EOF
INSERT INTO bench_server.incidents_$N (id, kind, lon, lat, radius_m, start_at, end_at, geom)
VALUES ('w-' || nextval('bench_server.write_seq'), 'airstrike', 10.5, 50.5, 0,
        '2021-01-01T04:00:00Z', '2021-01-01T04:00:00Z',
        ST_SetSRID(ST_MakePoint(10.5, 50.5), 4326));
EOF
    log "pgbench: INSERT of a new incident, ${WRITE_SECONDS}s, $CONNECTIONS connections"
    RESULTS+=("PostGIS (pgbench)|writes|$(run_pgbench "$WRITE_SECONDS" "$PGDIR/write.sql")")
    "${PSQL[@]}" -c "DELETE FROM bench_server.incidents_$N WHERE id LIKE 'w-%'" \
      -c "VACUUM ANALYZE bench_server.incidents_$N"
  fi
fi

# --- the table ----------------------------------------------------------------------------------
python3 - "$N" "$CONNECTIONS" "$PG_VERSION" "${RESULTS[@]}" -- "${ITEMS[@]}" -- "${LOADS[@]}" <<'EOF'
import sys
n, conns, pg_version, *rest = sys.argv[1:]
first = rest.index("--")
second = rest.index("--", first + 1)
results, items, loads = rest[:first], rest[first + 1:second], rest[second + 1:]
systems, queries, figures = [], [], {}
for r in results:
    system, query, values = r.split("|")
    systems += [system] if system not in systems else []
    queries += [query] if query not in queries else []
    figures[query, system] = values.split()
found = {}
for i in items:
    system, query, value = i.split("|")
    found.setdefault(query, {})[system] = value
head = ["query", "backend", "items", "req/s or tps", "p50 ms", "p99 ms"]
rows, notes = [], []
for query in queries:
    for system in systems:
        if (query, system) not in figures:
            continue
        rps, p50, p99, errors = figures[query, system]
        got = found.get(query, {})
        shown = got.get(system) or "-"
        rows.append([query, system, shown, rps, p50, p99])
        if errors not in ("0", "-"):
            notes.append(f"{query}: {system} had {errors} failed requests")
for query, got in found.items():
    if len(set(got.values())) > 1:
        notes.append(f"{query}: the backends returned different pages: {got}")
widths = [max(len(r[i]) for r in [head] + rows) for i in range(len(head))]
line = lambda r: "| " + " | ".join(c.ljust(w) if i < 3 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths))) + " |"
print(f"{int(n):,} incidents, {conns} client connections; items: the page's size and whether a "
      "next page follows (Vigil only)")
print()
print(line(head))
print("|" + "|".join("-" * (w + 1) + (":" if i >= 3 else "-") for i, w in enumerate(widths)) + "|")
for r in rows:
    print(line(r))
print()
for note in notes:
    print(f"- {note}")
for load in loads:
    print(f"- load average when it started: {load}")
if pg_version != "-":
    print(f"- PostgreSQL {pg_version}")
EOF
