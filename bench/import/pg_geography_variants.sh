#!/usr/bin/env bash
# Which way of building the geography column is fastest in PostgreSQL? (Why run.sh uses a
# generated column declared before the COPY.)
#
#   bench/import/pg_geography_variants.sh [ROWS]     default 1000000; uses run.sh's cached file
#
# Times three ways, each on a fresh table with the same columns and CHECKs as run.sh, COPY by
# psql \copy:
#   update     COPY; ALTER TABLE ADD COLUMN geog; UPDATE ... SET geog = point
#   alter-gen  COPY; ALTER TABLE ADD COLUMN geog ... GENERATED ALWAYS AS (point) STORED (rewrite)
#   copy-gen   the generated column is in CREATE TABLE; one COPY fills it
# Prints, per way: COPY seconds, geography seconds, total, and the table's size afterwards.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
ROWS=${1:-1000000}
SEED=${BENCH_SEED:-42}
FILE=$TARGET/bench-data/incidents-seed$SEED-$ROWS.csv
mkdir -p "$(dirname "$FILE")"
[[ -s $FILE ]] || python3 "$ROOT/bench/import/generate.py" --rows "$ROWS" --seed "$SEED" --out "$FILE"

URL=$("$ROOT/scripts/postgres.sh")
export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning"
PSQL=(psql "$URL" -X -q -v ON_ERROR_STOP=1)
"${PSQL[@]}" -c "CREATE SCHEMA IF NOT EXISTS bench_import"

secs() { # SQL -> seconds, from psql's \timing
  "${PSQL[@]}" -c '\timing on' -c "$1" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' \
    | awk '{ printf "%.3f", $1 / 1000 }'
}
add() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a + b }'; }

T=bench_import.geog_variant
COLUMNS="id text PRIMARY KEY, kind text NOT NULL, lon double precision NOT NULL,
  lat double precision NOT NULL, radius_m double precision NOT NULL, start date NOT NULL,
  \"end\" date NOT NULL,
  CHECK (kind IN ('airstrike','shelling','missile','barrel_bomb','explosion','ground_attack',
    'armed_entry','occupation','looting','arson','demolition','arrest','abduction','obstruction',
    'threat','unknown','other')),
  CHECK (lon BETWEEN -180 AND 180), CHECK (lat BETWEEN -90 AND 90), CHECK (radius_m >= 0),
  CHECK (start <= \"end\")"
POINT='ST_SetSRID(ST_MakePoint(lon, lat), 4326)::geography'
COPY="\\copy $T (id, kind, lon, lat, radius_m, start, \"end\") FROM '$FILE' WITH (FORMAT csv, HEADER true)"

printf '%-10s %8s %12s %8s %10s\n' way "COPY s" "geography s" "total s" size
for way in update alter-gen copy-gen; do
  extra=""
  [[ $way == copy-gen ]] && extra=", geog geography(Point,4326) GENERATED ALWAYS AS ($POINT) STORED"
  "${PSQL[@]}" -c "DROP TABLE IF EXISTS $T" -c "CREATE TABLE $T ($COLUMNS $extra)" -c CHECKPOINT
  sync
  copy=$(secs "$COPY")
  "${PSQL[@]}" -c CHECKPOINT
  case $way in
    update)
      geog=$(add "$(secs "ALTER TABLE $T ADD COLUMN geog geography(Point,4326)")" \
                 "$(secs "UPDATE $T SET geog = $POINT")") ;;
    alter-gen)
      geog=$(secs "ALTER TABLE $T ADD COLUMN geog geography(Point,4326) GENERATED ALWAYS AS ($POINT) STORED") ;;
    copy-gen)
      geog="(in COPY)" ;;
  esac
  total=$copy; [[ $geog == "(in COPY)" ]] || total=$(add "$copy" "$geog")
  size=$("${PSQL[@]}" -tAc "SELECT pg_size_pretty(pg_total_relation_size('$T'))")
  printf '%-10s %8s %12s %8s %10s\n' "$way" "$copy" "$geog" "$total" "$size"
done
"${PSQL[@]}" -c "DROP TABLE $T"
