#!/usr/bin/env bash
# Import benchmark: `vigil import` into SQLite (and/or into PostgreSQL through Vigil's PostgreSQL
# backend) against PostgreSQL/PostGIS COPY of the same file.
#
#   bench/import/run.sh [ROWS ...]        default: 1000000; e.g. bench/import/run.sh 100000 1000000
#
# Environment (all optional):
#   BENCH_SEED=42         seed for generate.py
#   BENCH_REPEAT=1        runs per size; with more than one, every figure is the median
#   BENCH_PG_CHECKS=1     1: the PostgreSQL table checks what Vigil validates (kind vocabulary,
#                         lon/lat range, radius >= 0, start <= end); 0: no CHECK constraints
#   BENCH_PG_COPY=client  client: psql's \copy streams the file over the connection (default);
#                         server: COPY ... FROM 'file' read by the server process itself
#   BENCH_SKIP_VIGIL=0    1: time PostgreSQL only (Vigil columns print "-")
#   BENCH_BACKEND=sqlite  where `vigil import` writes: sqlite (a fresh file), postgres (a fresh
#                         database bench_import_N on scripts/postgres.sh's cluster), or both
#   BENCH_REIMPORT=1      1: import the same file a second time into the same database and time
#                         it (it must change nothing); 0: no second import
#   VIGIL_BIN             use this vigil binary instead of building target/release/vigil
#
# Prints progress to stderr and one table to stdout. See bench/import/README.md.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
case "$TARGET" in /*) ;; *) TARGET="$ROOT/$TARGET" ;; esac
DATA=$TARGET/bench-data
SEED=${BENCH_SEED:-42}
REPEAT=${BENCH_REPEAT:-1}
PG_CHECKS=${BENCH_PG_CHECKS:-1}
PG_COPY=${BENCH_PG_COPY:-client}
SKIP_VIGIL=${BENCH_SKIP_VIGIL:-0}
BACKEND=${BENCH_BACKEND:-sqlite}
REIMPORT=${BENCH_REIMPORT:-1}
SIZES=("$@")
(( ${#SIZES[@]} )) || SIZES=(1000000)

log() { printf 'bench/import: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

for n in "${SIZES[@]}"; do [[ $n =~ ^[1-9][0-9]*$ ]] || die "row count must be a positive integer, got '$n'"; done
[[ $SEED =~ ^[0-9]+$ ]] || die "BENCH_SEED must be a non-negative integer"
[[ $REPEAT =~ ^[1-9][0-9]*$ ]] || die "BENCH_REPEAT must be a positive integer"
[[ $PG_COPY == client || $PG_COPY == server ]] || die "BENCH_PG_COPY must be client or server"
[[ $REIMPORT == 0 || $REIMPORT == 1 ]] || die "BENCH_REIMPORT must be 0 or 1"
case $BACKEND in
  sqlite | postgres) BACKENDS=("$BACKEND") ;;
  both) BACKENDS=(sqlite postgres) ;;
  *) die "BENCH_BACKEND must be sqlite, postgres or both, got '$BACKEND'" ;;
esac
[[ $SKIP_VIGIL == 1 ]] && BACKENDS=()
mkdir -p "$DATA"

now() { date +%s.%N; }
elapsed() { python3 -c 'import sys; print(f"{float(sys.argv[2]) - float(sys.argv[1]):.3f}")' "$1" "$2"; }

# --- (a) build vigil --------------------------------------------------------------------------
VIGIL=""
if (( ${#BACKENDS[@]} )); then
  if [[ -n ${VIGIL_BIN:-} ]]; then
    VIGIL=$VIGIL_BIN
  else
    log "cargo build --release -p vigil-cli"
    (cd "$ROOT" && cargo build --release -p vigil-cli) >&2
    VIGIL=$TARGET/release/vigil
  fi
  [[ -x $VIGIL ]] || die "no vigil binary at $VIGIL"
  if [[ ! -x /usr/bin/time ]]; then
    [[ $(id -u) -eq 0 ]] || die "/usr/bin/time is missing: apt-get install time"
    log "installing Debian's time package (for peak RSS)"
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >&2
  fi
fi

# --- (c) PostgreSQL ---------------------------------------------------------------------------
PG_URL=$("$ROOT/scripts/postgres.sh") || die "scripts/postgres.sh could not start PostgreSQL"
[[ $PG_URL == postgres://*/* ]] || die "scripts/postgres.sh printed no URL (got '$PG_URL')"
PG_BASE=${PG_URL%/*}
PSQL=(psql "$PG_URL" -X -q -v ON_ERROR_STOP=1)
export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning"
command -v psql >/dev/null || die "psql not found"
"${PSQL[@]}" -c "SET client_min_messages = warning" -c "CREATE SCHEMA IF NOT EXISTS bench_import"

# Run one SQL statement with \timing and print its time in seconds (server + round trip,
# measured by psql; no process start-up in it).
pg_timed() {
  local out ms
  out=$("${PSQL[@]}" -c '\timing on' -c "$1") || { printf '%s\n' "$out" >&2; return 1; }
  ms=$(printf '%s\n' "$out" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -n1)
  [[ -n $ms ]] || { printf '%s\n' "$out" >&2; die "no timing in psql output"; }
  python3 -c 'import sys; print(f"{float(sys.argv[1]) / 1000:.3f}")' "$ms"
}

KINDS="'airstrike','shelling','missile','barrel_bomb','explosion','ground_attack','armed_entry',\
'occupation','looting','arson','demolition','arrest','abduction','obstruction','threat','unknown','other'"
COLUMNS='id text PRIMARY KEY,
  kind text NOT NULL,
  lon double precision NOT NULL,
  lat double precision NOT NULL,
  radius_m double precision NOT NULL,
  start date NOT NULL,
  "end" date NOT NULL'
if [[ $PG_CHECKS == 1 ]]; then
  COLUMNS+=",
  CHECK (kind IN ($KINDS)),
  CHECK (lon BETWEEN -180 AND 180),
  CHECK (lat BETWEEN -90 AND 90),
  CHECK (radius_m >= 0),
  CHECK (start <= \"end\")"
fi
# The geography column is a STORED generated column, declared before the COPY, so each point is
# built while the row is written. Measured on 1M rows (README): this added ~0.6 s to COPY, against
# ~1.3 s for ALTER TABLE ... ADD COLUMN ... GENERATED after the COPY (a table rewrite) and ~5.1 s
# for ADD COLUMN + UPDATE (which also leaves 1M dead row versions behind).
GEOG='geog geography(Point,4326) GENERATED ALWAYS AS (ST_SetSRID(ST_MakePoint(lon, lat), 4326)::geography) STORED'

copy_sql() { # table file
  local cols='(id, kind, lon, lat, radius_m, start, "end")'
  if [[ $PG_COPY == server ]]; then
    printf "COPY %s %s FROM '%s' WITH (FORMAT csv, HEADER true)" "$1" "$cols" "$2"
  else
    printf "\\\\copy %s %s FROM '%s' WITH (FORMAT csv, HEADER true)" "$1" "$cols" "$2"
  fi
}

# Counts "incidents reports audit_entries" in Vigil's database $2 on backend $1: a re-import of
# the same file must leave them as they were.
vigil_counts() {
  if [[ $1 == sqlite ]]; then
    python3 - "$2" <<'EOF'
import sqlite3, sys
con = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
print(*(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("incidents", "reports", "audit_log")))
EOF
  else
    psql "$2" -X -q -tA -F ' ' -c "SELECT (SELECT count(*) FROM vigil.incidents),
      (SELECT count(*) FROM vigil.reports), (SELECT count(*) FROM vigil.audit_log)"
  fi
}

# One `vigil import --no-check` of $file into a fresh database on backend $1 under
# /usr/bin/time -v, then the same import again into that database (which must change nothing);
# prints "import_s peak_rss_kib reimport_s".
vigil_import() {
  local backend=$1 rows=$2 file=$3 db name t0 vs rss rs before after
  local tlog=$DATA/vigil-bench-$backend.time vlog=$DATA/vigil-bench-$backend.log
  if [[ $backend == sqlite ]]; then
    db=$DATA/vigil-bench.db
    rm -f "$db" "$db-wal" "$db-shm" "$db-journal"
  else
    name=bench_import_$rows
    db=$PG_BASE/$name
    "${PSQL[@]}" -c "DROP DATABASE IF EXISTS $name WITH (FORCE)" -c "CREATE DATABASE $name" >&2 \
      || die "cannot create database $name on $PG_BASE"
    psql "$db" -X -q -v ON_ERROR_STOP=1 -c "CREATE EXTENSION IF NOT EXISTS postgis" >&2 \
      || die "cannot create the postgis extension in $name"
    "${PSQL[@]}" -c "CHECKPOINT"
  fi
  sync
  log "  vigil import ($rows rows, $backend; load average $(uptime | sed 's/.*load average: //'))"
  t0=$(now)
  if ! /usr/bin/time -v -o "$tlog" "$VIGIL" --db "$db" import --no-check --kind incidents "$file" >"$vlog" 2>&1; then
    tail -n 20 "$vlog" >&2
    die "vigil import into $backend failed (full output: $vlog)"
  fi
  vs=$(elapsed "$t0" "$(now)")
  rss=$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$tlog")
  log "    $vs s, peak RSS $((rss / 1024)) MiB"
  before=$(vigil_counts "$backend" "$db") || die "cannot count the records in $db"
  [[ ${before%% *} == "$rows" ]] \
    || log "WARNING: after importing $rows rows the $backend database holds ${before%% *} incidents"

  rs="-"
  if [[ $REIMPORT == 1 ]]; then
    log "  vigil import of the same file again ($backend)"
    t0=$(now)
    if ! "$VIGIL" --db "$db" import --no-check --kind incidents "$file" >"$vlog.again" 2>&1; then
      tail -n 20 "$vlog.again" >&2
      die "the second vigil import into $backend failed (full output: $vlog.again)"
    fi
    rs=$(elapsed "$t0" "$(now)")
    after=$(vigil_counts "$backend" "$db") || die "cannot count the records in $db"
    log "    $rs s; incidents, reports, audit entries: $before before, $after after"
    [[ $after == "$before" ]] \
      || log "WARNING: the re-import changed the $backend database ($before -> $after incidents, reports, audit entries)"
  fi
  [[ $backend == sqlite ]] && check_sqlite "$db" "$rows"
  echo "$vs $rss $rs"
}

# --- one run of every step for one file; prints "SQLITE POSTGRES copy_s total_s gist_s", where
# SQLITE and POSTGRES are each "import_s peak_rss_kib reimport_s" (or "- - -") --------------------
run_once() {
  local rows=$1 file=$2 sq="- - -" pq="- - -" backend copy total gist count
  for backend in "${BACKENDS[@]}"; do
    if [[ $backend == sqlite ]]; then
      sq=$(vigil_import sqlite "$rows" "$file")
    else
      pq=$(vigil_import postgres "$rows" "$file")
    fi
  done

  # PostgreSQL, COPY alone: into a table without the geography column.
  "${PSQL[@]}" -c "DROP TABLE IF EXISTS bench_import.incidents_plain, bench_import.incidents" \
    -c "CREATE TABLE bench_import.incidents_plain ($COLUMNS)" -c "CHECKPOINT"
  sync
  log "  PostgreSQL COPY ($PG_COPY)"
  copy=$(pg_timed "$(copy_sql bench_import.incidents_plain "$file")")
  "${PSQL[@]}" -c "DROP TABLE bench_import.incidents_plain"

  # COPY + geography: the same, into the table with the generated geography column.
  "${PSQL[@]}" -c "CREATE TABLE bench_import.incidents ($COLUMNS, $GEOG)" -c "CHECKPOINT"
  sync
  log "  PostgreSQL COPY + geography"
  total=$(pg_timed "$(copy_sql bench_import.incidents "$file")")
  count=$("${PSQL[@]}" -tAc "SELECT count(*) FROM bench_import.incidents WHERE geog IS NOT NULL")
  [[ $count == "$rows" ]] || die "PostgreSQL holds $count rows with a geography, expected $rows"

  "${PSQL[@]}" -c "CHECKPOINT"
  log "  PostgreSQL GiST index"
  gist=$(pg_timed "CREATE INDEX incidents_geog_gist ON bench_import.incidents USING gist (geog)")
  "${PSQL[@]}" -c "DROP TABLE bench_import.incidents"
  echo "$sq $pq $copy $total $gist"
}

# Best-effort check that the SQLite file holds the rows (the table name is Vigil's business:
# count rows in every table whose name mentions incident).
check_sqlite() {
  python3 - "$1" "$2" <<'EOF' >&2 || true
import sqlite3, sys
db, want = sys.argv[1], int(sys.argv[2])
con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
names = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' AND name LIKE '%incident%'")]
counts = {n: con.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}
if want not in counts.values():
    print(f"bench/import: WARNING: no incident table in {db} holds {want} rows: {counts}")
EOF
}

RESULTS=()
for rows in "${SIZES[@]}"; do
  # --- (b) the data, cached by seed and size ---
  file=$DATA/incidents-seed$SEED-$rows.csv
  if [[ ! -s $file ]]; then
    log "generating $file"
    python3 "$ROOT/bench/import/generate.py" --rows "$rows" --seed "$SEED" --out "$file"
  fi
  if [[ $PG_COPY == server ]] && [[ $(id -u) -eq 0 ]] && ! runuser -u postgres -- test -r "$file"; then
    die "the postgres user cannot read $file; use BENCH_PG_COPY=client"
  fi
  runs=()
  for ((i = 1; i <= REPEAT; i++)); do
    log "$rows rows, run $i/$REPEAT"
    runs+=("$(run_once "$rows" "$file")")
  done
  RESULTS+=("$rows|$(IFS=';'; echo "${runs[*]}")")
done

# --- (f) the table ----------------------------------------------------------------------------
PG_VERSION=$("${PSQL[@]}" -tAc "SELECT current_setting('server_version') || ', PostGIS ' || postgis_lib_version()")
python3 - "$PG_VERSION" "$PG_COPY" "$PG_CHECKS" "$REPEAT" "$SKIP_VIGIL:$BACKEND" "${RESULTS[@]}" <<'EOF'
import statistics, sys
pg_version, pg_copy, pg_checks, repeat, which, *results = sys.argv[1:]
skip_vigil, backend = which.split(":")
backends = [] if skip_vigil == "1" else ["sqlite", "postgres"] if backend == "both" else [backend]
names = {"sqlite": "SQLite", "postgres": "PostgreSQL"}

def med(values):
    values = [float(v) for v in values if v != "-"]
    return statistics.median(values) if values else None

def fmt(v, spec):
    return "-" if v is None else format(v, spec)

head = ["rows", "vigil backend", "vigil s", "vigil rows/s", "vigil peak RSS MiB", "re-import s",
        "pg COPY s", "pg geography s", "pg COPY+geog s", "pg GiST s", "ratio pg(COPY+geog)/vigil"]
table = [head]
for item in results:
    rows, runs = item.split("|", 1)
    cols = list(zip(*[r.split() for r in runs.split(";")]))
    figures = [med(c) for c in cols]
    copy, total, gist = figures[6:9]
    geog = None if copy is None or total is None else total - copy
    for b in backends or ["-"]:
        vigil, rss, again = figures[0:3] if b == "sqlite" else figures[3:6] if b == "postgres" else (None,) * 3
        table.append([
            f"{int(rows):,}", names.get(b, "-"), fmt(vigil, ".3f"),
            fmt(None if not vigil else int(rows) / vigil, ",.0f"),
            fmt(None if rss is None else rss / 1024, ".0f"), fmt(again, ".3f"),
            fmt(copy, ".3f"), fmt(geog, ".3f"), fmt(total, ".3f"), fmt(gist, ".3f"),
            fmt(None if not vigil else total / vigil, ".2f" if not vigil or total / vigil >= 0.1 else ".2g"),
        ])
widths = [max(len(r[i]) for r in table) for i in range(len(head))]
for n, r in enumerate(table):
    print("| " + " | ".join(c.ljust(w) if i == 1 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths))) + " |")
    if n == 0:
        print("|" + "|".join("-" * (w + 1) + ("-" if i == 1 else ":") for i, w in enumerate(widths)) + "|")
print()
how = "psql \\copy (client)" if pg_copy == "client" else "server-side COPY FROM file"
print(f"PostgreSQL {pg_version}; COPY via {how}; "
      f"CHECK constraints {'on' if pg_checks == '1' else 'off'}; "
      f"{'median of ' + repeat + ' runs' if int(repeat) > 1 else 'one run'} per size.")
EOF
