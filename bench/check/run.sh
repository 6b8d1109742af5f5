#!/usr/bin/env bash
# Cross-check benchmark: `vigil check --no-save` (everything read from the SQLite file, the
# cross-check engine, every finding written as CSV) against PostGIS finding the same
# within-reach (incident, site) pairs with a GiST-indexed spatial join.
#
#   bench/check/run.sh [INCIDENTS [SITES]]
#       INCIDENTS  one count or a quoted list (default 1000000): bench/check/run.sh "100000 1000000"
#       SITES      default 100000 (the same sites file for every incident count)
#
# Environment (all optional):
#   BENCH_SEED=42             seed for generate.py
#   BENCH_PG_LITERAL=sample   the join exactly as written, ST_DWithin(i.geog, s.geog,
#                             i.radius_m + s.radius_m), cannot use a GiST index (its distance
#                             depends on both tables; see README). sample: time it on the first
#                             BENCH_PG_LITERAL_SAMPLE incidents and extrapolate linearly;
#                             full: run it on everything, cut at BENCH_PG_TIMEOUT; off: skip it
#   BENCH_PG_LITERAL_SAMPLE=200
#   BENCH_PG_TIMEOUT=1500     statement_timeout in seconds for every timed PostgreSQL query
#   BENCH_PG_WORKERS          max_parallel_workers_per_gather for the joins (default: the
#                             server's, 2 on the throw-away cluster)
#   BENCH_SKIP_VIGIL=0        1: PostgreSQL only (Vigil columns print "-", no pair comparison)
#   BENCH_SKIP_PG=0           1: Vigil only
#   BENCH_KEEP=0              1: keep the findings and pair files in target/bench-data
#   BENCH_SAVE=0              1: also time `vigil check` saving the findings in the database,
#                             first into an empty findings table, then again with nothing
#                             changed (digests compared, nothing rewritten)
#   VIGIL_BIN                 use this vigil binary instead of building target/release/vigil
#
# Prints progress to stderr and the tables to stdout. See bench/check/README.md.
set -euo pipefail
shopt -s inherit_errexit

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
case "$TARGET" in /*) ;; *) TARGET="$ROOT/$TARGET" ;; esac
DATA=$TARGET/bench-data
SEED=${BENCH_SEED:-42}
LITERAL=${BENCH_PG_LITERAL:-sample}
LITERAL_SAMPLE=${BENCH_PG_LITERAL_SAMPLE:-200}
PG_TIMEOUT=${BENCH_PG_TIMEOUT:-1500}
PG_WORKERS=${BENCH_PG_WORKERS:-}
SKIP_VIGIL=${BENCH_SKIP_VIGIL:-0}
SKIP_PG=${BENCH_SKIP_PG:-0}
KEEP=${BENCH_KEEP:-0}
SAVE=${BENCH_SAVE:-0}
read -r -a COUNTS <<<"${1:-1000000}"
SITES=${2:-100000}

log() { printf 'bench/check: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

(( ${#COUNTS[@]} )) || die "no incident count given"
for n in "${COUNTS[@]}" "$SITES"; do
  [[ $n =~ ^[1-9][0-9]*$ ]] || die "counts must be positive integers, got '$n'"
done
[[ $SEED =~ ^[0-9]+$ ]] || die "BENCH_SEED must be a non-negative integer"
[[ $LITERAL == sample || $LITERAL == full || $LITERAL == off ]] \
  || die "BENCH_PG_LITERAL must be sample, full or off"
[[ $LITERAL_SAMPLE =~ ^[1-9][0-9]*$ ]] || die "BENCH_PG_LITERAL_SAMPLE must be a positive integer"
[[ $PG_TIMEOUT =~ ^[1-9][0-9]*$ ]] || die "BENCH_PG_TIMEOUT must be a positive number of seconds"
[[ -z $PG_WORKERS || $PG_WORKERS =~ ^[0-9]+$ ]] || die "BENCH_PG_WORKERS must be a number"
mkdir -p "$DATA"

now() { date +%s.%N; }
elapsed() { python3 -c 'import sys; print(f"{float(sys.argv[2]) - float(sys.argv[1]):.3f}")' "$1" "$2"; }

# --- build vigil --------------------------------------------------------------------------------
VIGIL=""
if [[ $SKIP_VIGIL != 1 ]]; then
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

# --- the data, cached by seed and size ------------------------------------------------------------
SITES_CSV=$DATA/check-sites-seed$SEED-$SITES.csv
if [[ ! -s $SITES_CSV ]]; then
  log "generating $SITES_CSV"
  python3 "$ROOT/bench/check/generate.py" --seed "$SEED" --sites "$SITES" --sites-out "$SITES_CSV"
fi
incidents_csv() { printf '%s/check-incidents-seed%s-%s.csv' "$DATA" "$SEED" "$1"; }
for n in "${COUNTS[@]}"; do
  f=$(incidents_csv "$n")
  if [[ ! -s $f ]]; then
    log "generating $f"
    python3 "$ROOT/bench/check/generate.py" --seed "$SEED" --incidents "$n" --incidents-out "$f"
  fi
done

# --- PostgreSQL -----------------------------------------------------------------------------------
PSQL=()
if [[ $SKIP_PG != 1 ]]; then
  PG_URL=$("$ROOT/scripts/postgres.sh")
  command -v psql >/dev/null || die "psql not found"
  PSQL=(psql "$PG_URL" -X -q -v ON_ERROR_STOP=1)
  export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning -c search_path=bench_check,public"
  "${PSQL[@]}" -c "CREATE SCHEMA IF NOT EXISTS bench_check"
fi

# Settings for every timed join: the timeout, and the parallel workers if asked for.
PG_SET="SET statement_timeout = '${PG_TIMEOUT}s';"
[[ -z $PG_WORKERS ]] || PG_SET+=" SET max_parallel_workers_per_gather = $PG_WORKERS;"

# Run SQL (one statement, or a psql \copy) with \timing after $PG_SET; print "seconds" or
# "timeout" (statement_timeout hit). psql's \timing is the statement with its round trip (for
# \copy ... TO, also writing the rows on the client), no process start-up.
pg_timed() {
  local out ms
  if ! out=$("${PSQL[@]}" -c "$PG_SET" -c '\timing on' -c "$1" 2>&1); then
    if grep -q 'canceling statement due to statement timeout' <<<"$out"; then
      echo timeout; return 0
    fi
    printf '%s\n' "$out" >&2; die "PostgreSQL query failed"
  fi
  ms=$(printf '%s\n' "$out" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -n1)
  [[ -n $ms ]] || { printf '%s\n' "$out" >&2; die "no timing in psql output"; }
  python3 -c 'import sys; print(f"{float(sys.argv[1]) / 1000:.3f}")' "$ms"
}

GEOG='geog geography(Point,4326) GENERATED ALWAYS AS (ST_SetSRID(ST_MakePoint(lon, lat), 4326)::geography) STORED'

# Load both files into fresh tables: geography as a stored generated column (built during the
# COPY, the fastest way measured in bench/import), a GiST index on each, primary keys, ANALYZE so
# the planner knows the sizes. Prints the seconds it took (not counted in the comparison).
pg_load() {
  local incidents=$1 t0 t1
  t0=$(now)
  "${PSQL[@]}" <<EOF >&2
DROP TABLE IF EXISTS bench_check.incidents, bench_check.sites;
CREATE TABLE bench_check.sites (
  id text PRIMARY KEY, kind text NOT NULL, name text NOT NULL,
  lon double precision NOT NULL, lat double precision NOT NULL, radius_m double precision NOT NULL,
  notified_from date, notified_to date, notified_parties text,
  $GEOG);
CREATE TABLE bench_check.incidents (
  id text PRIMARY KEY, kind text NOT NULL,
  lon double precision NOT NULL, lat double precision NOT NULL, radius_m double precision NOT NULL,
  start date NOT NULL, "end" date NOT NULL,
  $GEOG);
\\copy bench_check.sites (id, kind, name, lon, lat, radius_m, notified_from, notified_to, notified_parties) FROM '$SITES_CSV' WITH (FORMAT csv, HEADER true)
\\copy bench_check.incidents (id, kind, lon, lat, radius_m, start, "end") FROM '$incidents' WITH (FORMAT csv, HEADER true)
CREATE INDEX sites_geog_gist ON bench_check.sites USING gist (geog);
CREATE INDEX incidents_geog_gist ON bench_check.incidents USING gist (geog);
ANALYZE bench_check.sites;
ANALYZE bench_check.incidents;
EOF
  t1=$(now)
  elapsed "$t0" "$t1"
}

# The join as the benchmark states it: within reach is distance <= incident radius + site radius.
LITERAL_JOIN='incidents i JOIN sites s ON ST_DWithin(i.geog, s.geog, i.radius_m + s.radius_m)'
# The same pairs with a join the GiST index can serve: ST_DWithin with a distance that depends
# on the outer row only (the incident's radius + the largest site radius, read from the table
# before the query) lets the planner probe the sites index with an expanded box per incident;
# the second ST_DWithin is the exact test. Every pair the literal join returns passes the first
# test (its reach is at most that distance), so both joins return the same rows.
indexed_join() { # max_site_radius
  printf 'incidents i JOIN sites s ON ST_DWithin(i.geog, s.geog, i.radius_m + %s) AND ST_DWithin(i.geog, s.geog, i.radius_m + s.radius_m)' "$1"
}
pairs_select() { # join
  printf 'SELECT i.id, s.id, ST_Distance(i.geog, s.geog) FROM %s' "$1"
}

# --- one incident count ---------------------------------------------------------------------------
# Prints one line: incidents sites import_sites_s import_incidents_s vigil_s rss_kib vigil_pairs
# vigil_findings findings_by_kind pg_load_s pg_count_s pg_copy_s pg_pairs pg_copied literal_s
# literal_how pairs_only_vigil pairs_only_pg max_distance_difference_m save_s resave_s
run_size() {
  local n=$1 csv db tlog vlog findings vpairs t0 t1
  local imp_s="-" imp_i="-" vs="-" rss="-" vp="-" vf="-" kinds="-" save_s="-" resave_s="-"
  local load="-" pgc="-" pgw="-" pgp="-" pgcopied="-" lit="-" lit_how="-" only_v="-" only_p="-" maxd="-"
  csv=$(incidents_csv "$n")
  findings=$DATA/check-findings-$n.csv
  vpairs=$DATA/check-pairs-vigil-$n.txt

  if [[ -n $VIGIL ]]; then
    db=$DATA/check-bench.db tlog=$DATA/check-bench.time vlog=$DATA/check-bench.log
    rm -f "$db" "$db-wal" "$db-shm" "$db-journal"
    log "$n incidents: vigil import --no-check --kind sites ($SITES rows)"
    t0=$(now)
    "$VIGIL" --db "$db" import --no-check --kind sites "$SITES_CSV" >"$vlog" 2>&1 \
      || { tail -n 20 "$vlog" >&2; die "vigil import of the sites failed (full output: $vlog)"; }
    t1=$(now); imp_s=$(elapsed "$t0" "$t1")
    log "$n incidents: vigil import --no-check --kind incidents"
    t0=$(now)
    "$VIGIL" --db "$db" import --no-check --kind incidents "$csv" >"$vlog" 2>&1 \
      || { tail -n 20 "$vlog" >&2; die "vigil import of the incidents failed (full output: $vlog)"; }
    t1=$(now); imp_i=$(elapsed "$t0" "$t1")
    log "  imports: sites $imp_s s, incidents $imp_i s (not counted)"

    sync
    log "$n incidents: vigil check --no-save --format csv > $findings"
    t0=$(now)
    if ! /usr/bin/time -v -o "$tlog" "$VIGIL" --db "$db" check --no-save --format csv >"$findings" 2>"$vlog"; then
      tail -n 20 "$vlog" "$tlog" >&2
      die "vigil check failed (output: $vlog, $tlog)"
    fi
    t1=$(now)
    vs=$(elapsed "$t0" "$t1")
    rss=$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$tlog")
    log "  vigil check: $vs s, peak RSS $((rss / 1024)) MiB, $(sed -n 's/^[[:space:]]*User time (seconds): //p' "$tlog") s user, $(sed -n 's/^[[:space:]]*System time (seconds): //p' "$tlog") s system"

    # Count the findings (not timed). Within-reach pairs: notified_site and unnotified_site
    # findings with distinct (incident_id, subject_id); written sorted for the comparison.
    read -r vp vf kinds < <(python3 - "$findings" "$vpairs" <<'EOF'
import collections, csv, subprocess, sys
findings, out = sys.argv[1], sys.argv[2]
kinds = collections.Counter()
sort = subprocess.Popen(["sort", "-u", "-o", out], stdin=subprocess.PIPE, text=True,
                        env={"LC_ALL": "C", "PATH": "/usr/bin:/bin"})
with open(findings, newline="", encoding="utf-8") as f:
    for row in csv.DictReader(f):
        kinds[row["kind"]] += 1
        if row["kind"] in ("notified_site", "unnotified_site"):
            sort.stdin.write(f'{row["incident_id"]},{row["subject_id"]},{row["distance_m"]},{row["reach_m"]}\n')
sort.stdin.close()
if sort.wait() != 0:
    sys.exit("sort failed")
# sort -u on whole lines: a pair reported under two notifications has the same distance and
# reach, so it collapses to one line; count distinct pairs on the first two fields anyway.
pairs, last = 0, None
with open(out, encoding="utf-8") as f:
    for line in f:
        key = line.split(",", 2)[:2]
        if key != last:
            pairs += 1
            last = key
print(pairs, sum(kinds.values()), ";".join(f"{k}={v}" for k, v in sorted(kinds.items())))
EOF
)
    [[ -n $vf ]] || die "could not count the findings in $findings"
    log "  vigil: $vp within-reach pairs, $vf findings ($kinds)"

    if [[ $SAVE == 1 ]]; then
      local pass
      for pass in first again; do
        log "$n incidents: vigil check --format csv > /dev/null (saving the findings, $pass)"
        t0=$(now)
        "$VIGIL" --db "$db" check --format csv >/dev/null 2>"$vlog" \
          || { tail -n 20 "$vlog" >&2; die "vigil check (saving) failed"; }
        t1=$(now)
        if [[ $pass == first ]]; then save_s=$(elapsed "$t0" "$t1"); else resave_s=$(elapsed "$t0" "$t1"); fi
        log "  $(elapsed "$t0" "$t1") s"
      done
    fi
  fi

  if [[ $SKIP_PG != 1 ]]; then
    log "$n incidents: PostgreSQL load (not counted)"
    load=$(pg_load "$csv")
    log "  load: $load s"
    local maxr join
    maxr=$("${PSQL[@]}" -tAc "SELECT max(radius_m) FROM sites")
    join=$(indexed_join "$maxr")
    "${PSQL[@]}" -c "CHECKPOINT"
    log "$n incidents: PostGIS indexed join, count"
    pgc=$(pg_timed "SELECT count(*) FROM ($(pairs_select "$join")) q")
    [[ $pgc != timeout ]] || die "the indexed join ran past BENCH_PG_TIMEOUT=${PG_TIMEOUT}s"
    pgp=$("${PSQL[@]}" -tAc "SELECT count(*) FROM ($(pairs_select "$join")) q")
    log "  count: $pgc s, $pgp pairs"
    log "$n incidents: PostGIS indexed join, \\copy (...) TO '/dev/null'"
    pgw=$(pg_timed "\\copy ($(pairs_select "$join")) TO '/dev/null'")
    log "  copy: $pgw s"

    case $LITERAL in
      off) ;;
      full)
        log "$n incidents: PostGIS literal join, count (timeout ${PG_TIMEOUT}s)"
        lit=$(pg_timed "SELECT count(*) FROM ($(pairs_select "$LITERAL_JOIN")) q")
        lit_how=full
        log "  literal: $lit"
        ;;
      sample)
        local k=$(( LITERAL_SAMPLE < n ? LITERAL_SAMPLE : n )) sample_join ls lc ic
        sample_join="(SELECT * FROM incidents ORDER BY id LIMIT $k) i JOIN sites s ON ST_DWithin(i.geog, s.geog, i.radius_m + s.radius_m)"
        log "$n incidents: PostGIS literal join on the first $k incidents (to extrapolate)"
        ls=$(pg_timed "SELECT count(*) FROM ($(pairs_select "$sample_join")) q")
        [[ $ls != timeout ]] || die "the literal join on $k incidents ran past BENCH_PG_TIMEOUT"
        lc=$("${PSQL[@]}" -tAc "SELECT count(*) FROM ($(pairs_select "$sample_join")) q")
        ic=$("${PSQL[@]}" -tAc "SELECT count(*) FROM ($(pairs_select "${join/incidents i/(SELECT * FROM incidents ORDER BY id LIMIT $k) i}")) q")
        [[ $lc == "$ic" ]] || log "  WARNING: on the first $k incidents the literal join finds $lc pairs, the indexed one $ic"
        lit=$(python3 -c 'import sys; print(f"{float(sys.argv[1]) * int(sys.argv[2]) / int(sys.argv[3]):.0f}")' "$ls" "$n" "$k")
        lit_how="est. from $k incidents in $ls s"
        log "  literal: $ls s for $k incidents ($lc pairs, indexed join: $ic); est. $lit s for $n"
        ;;
    esac

    if [[ -n $VIGIL ]]; then
      # Compare the pair sets (not timed).
      local ppairs=$DATA/check-pairs-pg-$n.txt diff=$DATA/check-pairs-diff-$n.txt
      "${PSQL[@]}" -c "\\copy (SELECT i.id || ',' || s.id || ',' || round(ST_Distance(i.geog, s.geog)::numeric, 3) || ',' || (i.radius_m + s.radius_m) FROM $join) TO '$ppairs.unsorted'"
      LC_ALL=C sort -u -o "$ppairs" "$ppairs.unsorted"; rm -f "$ppairs.unsorted"
      pgcopied=$(wc -l <"$ppairs")
      LC_ALL=C join -t, -v1 -v2 -o 0,1.2,1.3,2.2,2.3 \
        <(sed 's/,/|/' "$vpairs" | LC_ALL=C sort -t, -k1,1) \
        <(sed 's/,/|/' "$ppairs" | LC_ALL=C sort -t, -k1,1) >"$diff" || true
      # Distances of the pairs both found: the largest difference (both rounded to the mm).
      maxd=$(LC_ALL=C join -t, -o 1.2,2.2 \
        <(sed 's/,/|/' "$vpairs" | LC_ALL=C sort -t, -k1,1) \
        <(sed 's/,/|/' "$ppairs" | LC_ALL=C sort -t, -k1,1) \
        | awk -F, '{ d = $1 - $2; if (d < 0) d = -d; if (d > m) m = d } END { printf "%.3f", m + 0 }')
      log "  largest distance difference on common pairs: $maxd m"
      only_v=$(awk -F, '$4 == ""' "$diff" | wc -l)
      only_p=$(awk -F, '$2 == ""' "$diff" | wc -l)
      log "  pairs only in vigil: $only_v, only in PostGIS: $only_p (both: $diff)"
      if (( only_v + only_p > 0 )); then
        log "  examples (incident|site, vigil distance, vigil reach, PostGIS distance, PostGIS reach):"
        head -n 10 "$diff" | sed 's/^/    /' >&2
      fi
      [[ $KEEP == 1 ]] || rm -f "$ppairs"
      [[ -s $diff || $KEEP == 1 ]] || rm -f "$diff"
    fi
  fi
  [[ $KEEP == 1 ]] || rm -f "$findings" "$vpairs"
  echo "$n $SITES $imp_s $imp_i $vs $rss $vp $vf $kinds $load $pgc $pgw $pgp $pgcopied $lit ${lit_how// /_} $only_v $only_p $maxd $save_s $resave_s"
}

RESULTS=()
for n in "${COUNTS[@]}"; do
  line=$(run_size "$n") || exit 1
  RESULTS+=("$line")
done

# --- the tables -----------------------------------------------------------------------------------
PG_VERSION="-"
if [[ $SKIP_PG != 1 ]]; then
  PG_VERSION=$("${PSQL[@]}" -tAc "SELECT current_setting('server_version') || ', PostGIS ' || postgis_lib_version() || ', max_parallel_workers_per_gather ' || current_setting('max_parallel_workers_per_gather')")
  [[ -z $PG_WORKERS ]] || PG_VERSION+=" (set to $PG_WORKERS for the joins)"
fi
python3 - "$PG_VERSION" "${RESULTS[@]}" <<'EOF'
import sys
pg_version, *results = sys.argv[1:]

def num(v):
    return None if v in ("-", "timeout") else float(v)

def fmt(v, spec):
    return "-" if v is None else format(v, spec)

def table(head, rows):
    widths = [max(len(r[i]) for r in [head] + rows) for i in range(len(head))]
    print("| " + " | ".join(c.rjust(w) for c, w in zip(head, widths)) + " |")
    print("|" + "|".join("-" * (w + 1) + ":" for w in widths) + "|")
    for r in rows:
        print("| " + " | ".join(c.rjust(w) for c, w in zip(r, widths)) + " |")

main, load, notes = [], [], []
for line in results:
    (n, sites, imp_s, imp_i, vs, rss, vp, vf, kinds, pg_load, pgc, pgw, pgp, pgcopied, lit,
     lit_how, only_v, only_p, maxd, save_s, resave_s) = line.split()
    vs_, pgc_, pgw_ = num(vs), num(pgc), num(pgw)
    main.append([
        f"{int(n):,}", f"{int(sites):,}", fmt(vs_, ".3f"),
        fmt(None if rss == "-" else int(rss) / 1024, ",.0f"),
        fmt(num(vp), ",.0f"), fmt(num(vf), ",.0f"),
        fmt(pgc_, ".3f"), fmt(pgw_, ".3f"), fmt(num(pgp), ",.0f"),
        fmt(None if not vs_ or pgc_ is None else pgc_ / vs_, ".3f"),
        fmt(None if not vs_ or pgw_ is None else pgw_ / vs_, ".3f"),
        "timeout" if lit == "timeout" else fmt(num(lit), ",.0f"),
    ])
    load.append([f"{int(n):,}", f"{int(sites):,}", fmt(num(imp_s), ".3f"), fmt(num(imp_i), ".3f"),
                 fmt(num(pg_load), ".3f")])
    if kinds != "-":
        notes.append(f"{int(n):,} incidents: vigil findings by kind: {kinds.replace(';', ', ')}")
    if pgcopied != "-":
        notes.append(f"{int(n):,} incidents: pairs only in vigil: {only_v}, only in PostGIS: {only_p} "
                     f"(PostGIS pairs written: {int(pgcopied):,}); largest |vigil distance - ST_Distance| "
                     f"on the pairs both found: {maxd} m (both printed to the mm)")
    if save_s != "-":
        notes.append(f"{int(n):,} incidents: vigil check saving the findings: {save_s} s into an "
                     f"empty findings table, {resave_s} s again with nothing changed")
    if lit != "-":
        notes.append(f"{int(n):,} incidents: PostGIS literal join: {lit} s ({lit_how.replace('_', ' ')})")

table(["incidents", "sites", "vigil check s", "vigil peak RSS MiB", "vigil pairs", "vigil findings",
       "PostGIS join s", "PostGIS join+write s", "PostGIS pairs", "ratio PostGIS/vigil",
       "ratio PostGIS write/vigil", "PostGIS literal join s"], main)
print()
print("Loading (not counted above):")
print()
table(["incidents", "sites", "vigil import sites s", "vigil import incidents s",
       "PostgreSQL load s (COPY + GiST + ANALYZE)"], load)
print()
for note in notes:
    print(f"- {note}")
print(f"- PostgreSQL {pg_version}")
EOF
