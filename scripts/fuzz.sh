#!/usr/bin/env bash
# Fuzz Vigil's file readers: every cargo-fuzz target under fuzz/ for a while, one after another.
#
#   scripts/fuzz.sh                       every target for FUZZ_SECONDS seconds each
#   FUZZ_SECONDS=600 scripts/fuzz.sh      longer runs, for a deliberate hunt
#   FUZZ_TARGETS="canonical_geojson" scripts/fuzz.sh
#
# Environment (all optional):
#   FUZZ_SECONDS   seconds per target (default 30), libFuzzer's -max_total_time
#   FUZZ_TARGETS   space-separated target names (default: every target `cargo fuzz list` shows)
#
# Prints per target the executions done. Exits 1 if a target crashed (a panic, an arithmetic
# overflow, a hang of more than 10 s on one input, or more than 2 GB of memory), after printing
# what went wrong, the reproducer's path and how to replay it; every target is run first, so one
# run shows every target's failure. Exits 2 if it cannot set up.
#
# cargo-fuzz is installed from crates.io if missing (pinned, --locked). That and the first build
# are the slow part. On the 2-core development machine `cargo install cargo-fuzz --version 0.13.2
# --locked` compiles 56 crates in about 50 s of CPU time: it took 26 s of wall time when the
# machine was otherwise idle and 80 s while other builds ran. The first build of the three targets
# took 90 s more (the readers and their dependencies again, instrumented); later builds redo only
# what changed. CI's step (3 targets x 20 s) thus costs about 3 to 4 minutes on a clean clone.
#
# Stable Rust suffices, without RUSTC_BOOTSTRAP. cargo-fuzz's nightly-only flags come with its
# sanitizers, AddressSanitizer by default (`-Zsanitizer=address`; stable rustc refuses it: "the
# option `Z` is only accepted on the nightly compiler"), and with its --build-std and careful
# modes. With `--sanitizer none` it passes stable flags only (`-Cpasses=sancov-module` and
# `-Cllvm-args=-sanitizer-coverage-*` for the coverage that guides libFuzzer, `--cfg fuzzing`,
# `-Cdebug-assertions`), and libFuzzer itself is C++ that libfuzzer-sys compiles with the
# system's c++. RUSTC_BOOTSTRAP=1 would let stable rustc take the -Z flag, but it switches on
# every unstable feature to get a sanitizer that would add little here: the project's crates
# forbid unsafe code, so what fuzzing can find in them is panics, overflows, hangs and runaway
# memory, which need none.
#
# New inputs the fuzzer finds go to fuzz/target/corpus/<target> (kept between runs, never
# committed); the seeds in fuzz/corpus/<target> are only read. Crash reproducers go to
# fuzz/artifacts/<target>/.
set -euo pipefail
cd "$(dirname "$0")/.."

CARGO_FUZZ_VERSION=0.13.2
FUZZ_SECONDS=${FUZZ_SECONDS:-30}
# Flags for `cargo fuzz build` and `run` alike, so that run finds the build up to date.
BUILD_FLAGS=(--sanitizer none --debug-assertions)
# Targets fuzzed without debug assertions, each for a reason written here. spreadsheet_xlsx:
# calamine (0.30 to 0.36, the newest at the time of writing) parses a cell reference such as
# `A99999999999` with unchecked u32 arithmetic (xlsx::get_row_column), which debug assertions
# turn into a panic inside calamine on the first long reference; release builds, which users
# run, wrap instead, and the reader refuses any cell outside the 16,384 x 1,048,576 grid XLSX
# allows (crates/vigil-formats/src/table/xlsx_table.rs, with a test). Built separately, last.
RELEASE_ARITHMETIC=(spreadsheet_xlsx)

log() { printf 'fuzz.sh: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 2; }

[[ $FUZZ_SECONDS =~ ^[1-9][0-9]*$ ]] || die "FUZZ_SECONDS must be a positive number, got '$FUZZ_SECONDS'"

# --- tools ------------------------------------------------------------------------------------
# `cargo install` puts cargo-fuzz in $CARGO_HOME/bin; cargo finds subcommands there even when
# that directory is not on PATH.
if [[ $(cargo fuzz --version 2>/dev/null) != "cargo-fuzz $CARGO_FUZZ_VERSION" ]]; then
  log "installing cargo-fuzz $CARGO_FUZZ_VERSION from crates.io (takes a few minutes)"
  started=$SECONDS
  cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked --quiet
  log "cargo-fuzz installed in $((SECONDS - started)) s"
fi

# libfuzzer-sys compiles libFuzzer (C++) when the targets are built.
if ! command -v c++ >/dev/null; then
  [[ $(id -u) -eq 0 ]] || die "a C++ compiler is needed (apt-get install g++)"
  log "apt-get install g++"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends g++ >/dev/null
fi

# cargo-fuzz has no --locked: check here that fuzz/Cargo.lock is current, so the build uses
# exactly the committed versions instead of quietly resolving new ones.
cargo metadata --locked --manifest-path fuzz/Cargo.toml --format-version 1 >/dev/null ||
  die "fuzz/Cargo.lock is out of date: run 'cargo update --manifest-path fuzz/Cargo.toml -w' and commit it"

# --- build ------------------------------------------------------------------------------------
log "$(rustc --version); building the fuzz targets"
started=$SECONDS
cargo fuzz build "${BUILD_FLAGS[@]}"
log "built in $((SECONDS - started)) s"

# --- run --------------------------------------------------------------------------------------
read -r -a targets <<<"${FUZZ_TARGETS:-$(cargo fuzz list | tr '\n' ' ')}"
(( ${#targets[@]} )) || die "no fuzz targets found"
# The targets with release arithmetic last, so the targets are built twice at most.
ordered=()
for target in "${targets[@]}"; do
  [[ " ${RELEASE_ARITHMETIC[*]} " == *" $target "* ]] || ordered+=("$target")
done
for target in "${targets[@]}"; do
  [[ " ${RELEASE_ARITHMETIC[*]} " == *" $target "* ]] && ordered+=("$target")
done
targets=("${ordered[@]}")

logs=fuzz/target/logs
mkdir -p "$logs"
failed=()
for target in "${targets[@]}"; do
  [[ -d fuzz/corpus/$target ]] || die "no seed corpus fuzz/corpus/$target"
  grown=fuzz/target/corpus/$target
  mkdir -p "$grown"
  log "$target: fuzzing for $FUZZ_SECONDS s"
  # libFuzzer writes a line per new input: keep that in a log and show it only on failure.
  # -timeout makes one input running longer than 10 s a failure (a hang) rather than a slow run.
  status=0
  flags=("${BUILD_FLAGS[@]}")
  if [[ " ${RELEASE_ARITHMETIC[*]} " == *" $target "* ]]; then
    # -O: release arithmetic. Leaving out --debug-assertions is not enough: without -O,
    # cargo-fuzz turns debug assertions and overflow checks on by default.
    flags=(--sanitizer none -O)
    log "$target: without debug assertions (see RELEASE_ARITHMETIC above)"
  fi
  cargo fuzz run "${flags[@]}" "$target" "$grown" "fuzz/corpus/$target" -- \
    -max_total_time="$FUZZ_SECONDS" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -dict=fuzz/dict/canonical.dict >"$logs/$target.log" 2>&1 || status=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$logs/$target.log" | tail -n 1)
  if (( status == 0 )); then
    printf '%s: %s executions in %s s, no crash\n' "$target" "${runs:-?}" "$FUZZ_SECONDS"
    continue
  fi
  failed+=("$target")
  # What went wrong (a panic's message and place; libFuzzer's verdict for a hang or running out
  # of memory), without the backtraces and the per-input lines around it.
  grep -m 1 -A 1 'panicked at' "$logs/$target.log" >&2 || true
  grep -E 'ERROR: libFuzzer|ALARM' "$logs/$target.log" >&2 || true
  reproducer=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$logs/$target.log" | tail -n 1)
  reproducer=${reproducer#"$PWD/"}
  if [[ -n $reproducer ]]; then
    printf '%s: CRASH after %s executions; reproducer: %s (full log: %s)\n' \
      "$target" "${runs:-?}" "$reproducer" "$logs/$target.log"
    printf '  replay: cargo fuzz run %s %s %s\n' "${flags[*]}" "$target" "$reproducer"
  else
    printf '%s: FAILED (exit %s) without a reproducer; full log: %s\n' \
      "$target" "$status" "$logs/$target.log"
  fi
done

if (( ${#failed[@]} )); then
  log "failed: ${failed[*]}"
  exit 1
fi
log "every target ran $FUZZ_SECONDS s without a crash"
