#!/usr/bin/env bash
# PostgreSQL storing what `vigil import` stores: for every row an incident, the immutable report
# it was built from (its canonical content as JSON) and the link between them, with the same
# keys, plus the geography column. Compares like with like, where run.sh compares Vigil with
# PostgreSQL loading the bare CSV into one table (the comparison the import issue asks for).
#
#   bench/import/pg_same_model.sh [ROWS]      default 1000000
#
# Steps: builds vigil (release), generates the rows (generate.py, seed 42), imports them with
# vigil into a scratch SQLite file (timed), dumps its three tables to CSV with Python's sqlite3
# (not timed), starts PostgreSQL (scripts/postgres.sh) and times COPY of the three files into
# tables with the same primary keys, in one transaction, then prints both times.
set -euo pipefail
cd "$(dirname "$0")/../.."
rows=${1:-1000000}
work=target/bench-data
mkdir -p "$work"
csv=$work/incidents-seed42-$rows.csv
[[ -f $csv ]] || python3 bench/import/generate.py --rows "$rows" --seed 42 --out "$csv" >&2
cargo build --release -q -p vigil-cli
db=$work/same-model.db
rm -f "$db" "$db-wal" "$db-shm"
start=$(date +%s.%N)
target/release/vigil --db "$db" import --no-check --kind incidents "$csv" >&2
vigil_s=$(python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.3f}')" "$start" "$(date +%s.%N)")

echo "dumping the three tables to CSV" >&2
python3 - "$db" "$work" <<'PY'
import csv, sqlite3, sys
db, out = sys.argv[1], sys.argv[2]
conn = sqlite3.connect(db)
queries = {
    "incidents": "SELECT id, kind, category, start_at, end_at, time_precision, lon, lat, precision, radius_m, certainty, hex(facts_sha256) FROM incidents",
    "reports": "SELECT id, source, received_at, summary, content FROM reports",
    "links": "SELECT incident_id, position, report_id FROM incident_reports",
}
for name, sql in queries.items():
    with open(f"{out}/same-model-{name}.csv", "w", newline="") as f:
        csv.writer(f).writerows(conn.execute(sql))
PY

url=$(scripts/postgres.sh)
psql=(psql "$url" -X -q -v ON_ERROR_STOP=1)
"${psql[@]}" -c "DROP TABLE IF EXISTS sm_links, sm_reports, sm_incidents"
"${psql[@]}" <<'SQL'
CREATE TABLE sm_incidents (id text PRIMARY KEY, kind text NOT NULL, category text NOT NULL,
  start_at timestamptz NOT NULL, end_at timestamptz NOT NULL, time_precision text NOT NULL,
  lon float8 NOT NULL, lat float8 NOT NULL, precision text NOT NULL, radius_m float8 NOT NULL,
  certainty text NOT NULL, facts_sha256 text NOT NULL,
  geog geography(Point, 4326) GENERATED ALWAYS AS (ST_SetSRID(ST_MakePoint(lon, lat), 4326)::geography) STORED);
CREATE TABLE sm_reports (id text PRIMARY KEY, source text NOT NULL, received_at timestamptz NOT NULL,
  summary text NOT NULL, content jsonb NOT NULL);
CREATE TABLE sm_links (incident_id text NOT NULL, position int NOT NULL, report_id text NOT NULL,
  PRIMARY KEY (incident_id, report_id));
SQL
out=$("${psql[@]}" <<SQL
\timing on
BEGIN;
\copy sm_incidents (id, kind, category, start_at, end_at, time_precision, lon, lat, precision, radius_m, certainty, facts_sha256) FROM '$work/same-model-incidents.csv' WITH (FORMAT csv)
\copy sm_reports FROM '$work/same-model-reports.csv' WITH (FORMAT csv)
\copy sm_links FROM '$work/same-model-links.csv' WITH (FORMAT csv)
COMMIT;
SQL
)
pg_s=$(printf '%s\n' "$out" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | python3 -c "import sys; print(f'{sum(float(l) for l in sys.stdin) / 1000:.3f}')")
printf '| rows | vigil import s | PostgreSQL COPY of the same three tables + geography s | ratio |\n'
printf '|---:|---:|---:|---:|\n'
python3 -c "import sys; r, v, p = sys.argv[1:]; print(f'| {int(r):,} | {float(v):.3f} | {float(p):.3f} | {float(p)/float(v):.2f} |')" "$rows" "$vigil_s" "$pg_s"
