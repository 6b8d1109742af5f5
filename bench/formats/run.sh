#!/usr/bin/env bash
# Formats benchmark: `vigil import` of a publisher's HXL-tagged CSV and of the same kind of file
# as an XLSX workbook (Insecurity Insight's "Attacks on health care" layout), each into a fresh
# SQLite file and then again (every row unchanged), beside PostgreSQL COPY of the same CSV rows
# into a table of text columns.
#
#   bench/formats/run.sh [ROWS ...]       default: 1000000; e.g. bench/formats/run.sh 100000 1000000
#
# Environment (all optional):
#   BENCH_SEED=42             seed for generate.py
#   BENCH_XLSX_ROWS=1000000   data rows of the XLSX (made from the CSV of that many rows by the
#                             csv_to_xlsx example); at most 1048574 (a worksheet holds 1,048,576
#                             rows, two of them the header and hashtag rows); 0: no XLSX
#   BENCH_XLSX_STRINGS=inline inline: strings in the cells (rust_xlsxwriter's constant-memory
#                             mode); shared: a shared string table, as Excel writes them
#   BENCH_SKIP_PG=0           1: no PostgreSQL (its columns print "-")
#   VIGIL_BIN                 use this vigil binary instead of building target/release/vigil
#
# Prints progress to stderr and one table to stdout. See bench/formats/README.md.
set -euo pipefail
shopt -s inherit_errexit

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
case "$TARGET" in /*) ;; *) TARGET="$ROOT/$TARGET" ;; esac
DATA=$TARGET/bench-data
SEED=${BENCH_SEED:-42}
XLSX_ROWS=${BENCH_XLSX_ROWS:-1000000}
XLSX_STRINGS=${BENCH_XLSX_STRINGS:-inline}
SKIP_PG=${BENCH_SKIP_PG:-0}
SIZES=("$@")
(( ${#SIZES[@]} )) || SIZES=(1000000)

log() { printf 'bench/formats: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

for n in "${SIZES[@]}"; do [[ $n =~ ^[1-9][0-9]*$ ]] || die "row count must be a positive integer, got '$n'"; done
[[ $SEED =~ ^[0-9]+$ ]] || die "BENCH_SEED must be a non-negative integer"
[[ $XLSX_ROWS =~ ^[0-9]+$ ]] || die "BENCH_XLSX_ROWS must be a non-negative integer"
(( XLSX_ROWS <= 1048574 )) \
  || die "BENCH_XLSX_ROWS=$XLSX_ROWS: an XLSX worksheet holds 1,048,576 rows, the header and hashtag rows among them"
[[ $XLSX_STRINGS == inline || $XLSX_STRINGS == shared ]] || die "BENCH_XLSX_STRINGS must be inline or shared"
mkdir -p "$DATA"

now() { date +%s.%N; }
elapsed() { python3 -c 'import sys; print(f"{float(sys.argv[2]) - float(sys.argv[1]):.3f}")' "$1" "$2"; }

# --- build vigil --------------------------------------------------------------------------------
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

# --- the data, cached by seed and size ----------------------------------------------------------
csv_file() { printf '%s/formats-sind-seed%s-%s.csv' "$DATA" "$SEED" "$1"; }
ensure_csv() { # rows
  local file
  file=$(csv_file "$1")
  if [[ ! -s $file ]]; then
    log "generating $file"
    local t0
    t0=$(now)
    python3 "$ROOT/bench/formats/generate.py" --rows "$1" --seed "$SEED" --out "$file"
    log "  generated in $(elapsed "$t0" "$(now)") s"
  fi
}
for rows in "${SIZES[@]}"; do ensure_csv "$rows"; done

XLSX=""
if (( XLSX_ROWS > 0 )); then
  ensure_csv "$XLSX_ROWS"
  suffix=""; flag=()
  if [[ $XLSX_STRINGS == shared ]]; then suffix="-shared"; flag=(--shared-strings); fi
  XLSX=$DATA/formats-sind-seed$SEED-$XLSX_ROWS$suffix.xlsx
  if [[ ! -s $XLSX ]]; then
    log "converting $(csv_file "$XLSX_ROWS") to $XLSX"
    # The worksheet goes through a temporary file as large as its XML: keep it beside the data.
    # Written to a temporary name and renamed, so an interrupted run leaves no short file.
    (cd "$ROOT" && TMPDIR=$DATA cargo run --release -q -p vigil-cli --example csv_to_xlsx -- \
      "${flag[@]}" "$(csv_file "$XLSX_ROWS")" "$XLSX.tmp$$") >&2 \
      || { rm -f "$XLSX.tmp$$"; die "csv_to_xlsx failed"; }
    mv "$XLSX.tmp$$" "$XLSX"
  fi
fi

# --- vigil --------------------------------------------------------------------------------------
DB=$DATA/formats-bench.db
TLOG=$DATA/formats-bench.time
VLOG=$DATA/formats-bench.log

# One timed `vigil import`; prints "seconds peak_rss_kib user_s sys_s load" (load: the 1-minute
# load average just before it) and checks that the import's summary line says
# "ROWS rows read, NEW new, 0 changed, UNCHANGED unchanged, 0 skipped".
vigil_import() { # file rows new unchanged
  local file=$1 rows=$2 new=$3 unchanged=$4 t0 t1 rss user sys counts want load
  load=$(cut -d' ' -f1 /proc/loadavg)
  t0=$(now)
  if ! /usr/bin/time -v -o "$TLOG" "$VIGIL" --db "$DB" import --no-check "$file" >"$VLOG" 2>&1; then
    tail -n 20 "$VLOG" >&2
    die "vigil import failed (full output: $VLOG)"
  fi
  t1=$(now)
  counts=$(sed -n 's/^Imported .*: \([0-9]*\) rows read, \([0-9]*\) new, \([0-9]*\) changed, \([0-9]*\) unchanged, \([0-9]*\) skipped\.$/\1 \2 \3 \4 \5/p' "$VLOG")
  want="$rows $new 0 $unchanged 0"
  if [[ $counts != "$want" ]]; then
    cat "$VLOG" >&2
    die "vigil import of $file reported '${counts:-no summary}' (read new changed unchanged skipped), expected '$want'"
  fi
  rss=$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$TLOG")
  user=$(sed -n 's/^[[:space:]]*User time (seconds): //p' "$TLOG")
  sys=$(sed -n 's/^[[:space:]]*System time (seconds): //p' "$TLOG")
  echo "$(elapsed "$t0" "$t1") $rss $user $sys $load"
}

# Both imports of one file; prints the two results separated by "/", and after them the size
# of the SQLite database (with its WAL) after the first.
vigil_both() { # file rows
  local first second size
  rm -f "$DB" "$DB-wal" "$DB-shm" "$DB-journal"
  sync
  log "vigil import $(basename "$1") ($2 rows) into a fresh database (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  first=$(vigil_import "$1" "$2" "$2" 0)
  log "  $first (s, peak RSS KiB, user s, system s, load average)"
  size=$(stat -c %s "$DB")
  [[ ! -f $DB-wal ]] || size=$(( size + $(stat -c %s "$DB-wal") ))
  sync
  log "vigil import $(basename "$1") again, every row unchanged (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  second=$(vigil_import "$1" "$2" 0 "$2")
  log "  $second"
  echo "$first/$second/$size"
}

RESULTS=()
for rows in "${SIZES[@]}"; do
  file=$(csv_file "$rows")
  run=$(vigil_both "$file" "$rows")
  RESULTS+=("csv|$rows|$(stat -c %s "$file")|$run")
done
if [[ -n $XLSX ]]; then
  run=$(vigil_both "$XLSX" "$XLSX_ROWS")
  RESULTS+=("xlsx|$XLSX_ROWS|$(stat -c %s "$XLSX")|$run")
fi
rm -f "$DB" "$DB-wal" "$DB-shm" "$DB-journal"

# --- PostgreSQL ---------------------------------------------------------------------------------
declare -A COPY_S=()
PG_VERSION="-"
if [[ $SKIP_PG != 1 ]]; then
  PG_URL=$("$ROOT/scripts/postgres.sh")
  command -v psql >/dev/null || die "psql not found"
  PSQL=(psql "$PG_URL" -X -q -v ON_ERROR_STOP=1)
  export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning"
  "${PSQL[@]}" -c "CREATE SCHEMA IF NOT EXISTS bench_formats"
  PG_VERSION=$("${PSQL[@]}" -tAc "SELECT current_setting('server_version')")
  # 35 text columns, one per column of the file; no key, no constraint: the cheapest load.
  COLUMNS=$(python3 -c 'print(", ".join(f"c{i:02d} text" for i in range(1, 36)))')

  copy_rows() { # rows: prints the seconds psql's \timing measures for the \copy, and the table's size
    local file out ms count size
    file=$(csv_file "$1")
    "${PSQL[@]}" -c "DROP TABLE IF EXISTS bench_formats.sind" \
      -c "CREATE TABLE bench_formats.sind ($COLUMNS)" -c "CHECKPOINT"
    sync
    log "PostgreSQL \\copy of the $1 data rows of $(basename "$file")"
    # The header and hashtag rows are skipped by tail (no cell of this file holds a line break,
    # so a line is a row); psql reads the rest from its standard input (pstdin).
    out=$(tail -n +3 "$file" | "${PSQL[@]}" -c '\timing on' \
      -c '\copy bench_formats.sind FROM pstdin WITH (FORMAT csv)') \
      || { printf '%s\n' "$out" >&2; die "COPY failed"; }
    ms=$(printf '%s\n' "$out" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -n1)
    [[ -n $ms ]] || { printf '%s\n' "$out" >&2; die "no timing in psql output"; }
    count=$("${PSQL[@]}" -tAc "SELECT count(*) FROM bench_formats.sind")
    [[ $count == "$1" ]] || die "PostgreSQL holds $count rows, expected $1"
    size=$("${PSQL[@]}" -tAc "SELECT pg_total_relation_size('bench_formats.sind')")
    "${PSQL[@]}" -c "DROP TABLE bench_formats.sind"
    python3 -c 'import sys; print(f"{float(sys.argv[1]) / 1000:.3f} {sys.argv[2]}")' "$ms" "$size"
  }
  for rows in "${SIZES[@]}" ${XLSX:+"$XLSX_ROWS"}; do
    [[ -z ${COPY_S[$rows]:-} ]] || continue
    COPY_S[$rows]=$(copy_rows "$rows")
    log "  ${COPY_S[$rows]} (s, table bytes)"
  done
fi

# --- the table ----------------------------------------------------------------------------------
ITEMS=()
for r in "${RESULTS[@]}"; do
  IFS='|' read -r _ rows _ _ <<<"$r"
  ITEMS+=("$r|${COPY_S[$rows]:--}")
done
python3 - "$PG_VERSION" "$XLSX_STRINGS" "${ITEMS[@]}" <<'EOF'
import sys
pg_version, strings, *items = sys.argv[1:]

def fmt(v, spec):
    return "-" if v is None else format(v, spec)

head = ["file", "rows", "file MB", "vigil s", "vigil rows/s", "vigil peak RSS MiB",
        "re-import s", "re-import rows/s", "re-import peak RSS MiB",
        "pg COPY s", "COPY rows/s", "ratio COPY s / vigil s"]
table = [head]
notes = []
for item in items:
    kind, rows, size, runs, copy = item.split("|")
    rows = int(rows)
    first, second, db_size = runs.split("/")
    first, second = ([float(x) for x in run.split()] for run in (first, second))
    copy, pg_size = (None, None) if copy == "-" else (float(copy.split()[0]), int(copy.split()[1]))
    mark = " (CSV)" if kind == "xlsx" and copy is not None else ""
    table.append([
        kind.upper(), f"{rows:,}", f"{int(size) / 1e6:.0f}",
        f"{first[0]:.3f}", f"{rows / first[0]:,.0f}", f"{first[1] / 1024:.0f}",
        f"{second[0]:.3f}", f"{rows / second[0]:,.0f}", f"{second[1] / 1024:.0f}",
        fmt(copy, ".3f") + mark, (fmt(None if copy is None else rows / copy, ",.0f")) + mark,
        fmt(None if copy is None else copy / first[0], ".3f"),
    ])
    for name, run in (("import", first), ("re-import", second)):
        notes.append(f"{kind.upper()} {rows:,} rows, {name}: {run[2]:.1f} s user + {run[3]:.1f} s system "
                     f"for {run[0]:.1f} s wall ({100 * (run[2] + run[3]) / run[0]:.0f} % CPU); "
                     f"load average {run[4]:.2f} before it"
                     + (f"; SQLite file afterwards {int(db_size) / 1e6:,.0f} MB" if name == "import" else ""))
    if pg_size is not None and kind == "csv":
        notes.append(f"CSV {rows:,} rows: PostgreSQL table afterwards {pg_size / 1e6:,.0f} MB")
widths = [max(len(r[i]) for r in table) for i in range(len(head))]
for n, r in enumerate(table):
    print("| " + " | ".join(c.rjust(w) for c, w in zip(r, widths)) + " |")
    if n == 0:
        print("|" + "|".join(":" + "-" * (w + 1) if i == 0 else "-" * (w + 1) + ":"
                             for i, w in enumerate(widths)) + "|")
print()
if any(i.startswith("xlsx|") for i in items):
    print(f"XLSX: strings {strings}. PostgreSQL cannot COPY an XLSX workbook: the XLSX row's "
          "COPY figures (marked CSV) are those of the same rows as CSV, and its ratio compares "
          "them with the XLSX import.")
if pg_version != "-":
    print(f"PostgreSQL {pg_version}: psql \\copy of the data rows (tail -n +3) into 35 text "
          "columns, no key, no constraint; one run per file.")
print()
for note in notes:
    print(f"- {note}")
EOF
