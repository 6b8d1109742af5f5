#!/usr/bin/env bash
# Evidence ingest benchmark: `vigil evidence add` (read, SHA-256, copy to a temporary file,
# fsync, rename, fsync the folder, record the row and its custody event) beside `sha256sum`
# (read and SHA-256 only) on the same large files.
#
#   bench/evidence/run.sh [FILES [MIB]]
#       FILES  how many files (default 3)
#       MIB    size of each, in MiB (default 1024)
#
# Environment (optional):
#   BENCH_ROUNDS=3   timed runs of each tool on each file; the best run counts
#   VIGIL_BIN        use this vigil binary instead of building target/release/vigil
#
# The files are random bytes (nothing to gain from compression or sparse reads). Each file is
# read once untimed first, so both tools read it from the page cache: the comparison is of
# what each does with the bytes, not of the disk's read speed. Every `vigil evidence add` goes
# to an empty evidence folder, so it really stores (a second add of stored content would
# only hash). Prints progress to stderr and the table to stdout. See bench/evidence/README.md.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
case "$TARGET" in /*) ;; *) TARGET="$ROOT/$TARGET" ;; esac
DATA=$TARGET/bench-data/evidence
FILES=${1:-3}
MIB=${2:-1024}
ROUNDS=${BENCH_ROUNDS:-3}

log() { printf 'bench/evidence: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }
for n in "$FILES" "$MIB" "$ROUNDS"; do
  [[ $n =~ ^[1-9][0-9]*$ ]] || die "counts must be positive integers, got '$n'"
done
command -v sha256sum >/dev/null || die "sha256sum is needed (coreutils)"

if [[ -n ${VIGIL_BIN:-} ]]; then
  VIGIL=$VIGIL_BIN
else
  log "building vigil (release)"
  (cd "$ROOT" && cargo build --release -q -p vigil-cli)
  VIGIL=$TARGET/release/vigil
fi

mkdir -p "$DATA"
trap 'rm -rf "$DATA/run"' EXIT
for i in $(seq 1 "$FILES"); do
  f=$DATA/file-$i.bin
  if [[ ! -f $f || $(stat -c %s "$f") -ne $((MIB * 1024 * 1024)) ]]; then
    log "generating $f ($MIB MiB of random bytes)"
    head -c "$((MIB * 1024 * 1024))" /dev/urandom >"$f"
  fi
done

now() { date +%s.%N; }
# Best wall time of ROUNDS runs of "$@", in seconds.
best() {
  local best="" t0 t1 t
  for _ in $(seq 1 "$ROUNDS"); do
    [[ -n ${BEFORE:-} ]] && eval "$BEFORE"
    t0=$(now); "$@" >/dev/null 2>&1; t1=$(now)
    t=$(echo "$t1 - $t0" | bc -l)
    if [[ -z $best ]] || (( $(echo "$t < $best" | bc -l) )); then best=$t; fi
  done
  echo "$best"
}

printf '%-12s %8s %14s %14s %14s %14s %7s\n' file MiB "sha256sum s" "sha256sum MB/s" \
  "vigil add s" "vigil MB/s" ratio
total_sum=0; total_vigil=0
for i in $(seq 1 "$FILES"); do
  f=$DATA/file-$i.bin
  bytes=$(stat -c %s "$f")
  cat "$f" >/dev/null   # into the page cache, untimed
  log "file $i: sha256sum"
  t_sum=$(BEFORE= best sha256sum "$f")
  log "file $i: vigil evidence add"
  # A fresh database and evidence folder before every run, so every add stores its file.
  BEFORE="rm -rf '$DATA/run'; mkdir -p '$DATA/run'; sync"
  t_vigil=$(BEFORE=$BEFORE best "$VIGIL" --db "$DATA/run/bench.db" evidence add "$f")
  [[ $("$VIGIL" --db "$DATA/run/bench.db" evidence list | wc -l) -eq 2 ]] \
    || die "vigil did not record the file"
  mb_sum=$(echo "$bytes / $t_sum / 1000000" | bc -l)
  mb_vigil=$(echo "$bytes / $t_vigil / 1000000" | bc -l)
  printf '%-12s %8d %14.3f %14.0f %14.3f %14.0f %6.0f%%\n' "file-$i" "$((bytes / 1048576))" \
    "$t_sum" "$mb_sum" "$t_vigil" "$mb_vigil" "$(echo "100 * $t_sum / $t_vigil" | bc -l)"
  total_sum=$(echo "$total_sum + $t_sum" | bc -l)
  total_vigil=$(echo "$total_vigil + $t_vigil" | bc -l)
done
printf 'all files: vigil evidence add at %.0f%% of sha256sum'"'"'s rate\n' \
  "$(echo "100 * $total_sum / $total_vigil" | bc -l)"
