#!/usr/bin/env bash
# Build the web interface that `vigil serve` embeds:
#
#   scripts/web-build.sh           npm ci in web/, then type-check and build the bundle into
#                                  crates/vigil-server/web-dist/ (committed: a fresh
#                                  `cargo build` needs no npm)
#   scripts/web-build.sh --check   build into a temporary folder and fail, naming the files,
#                                  unless it equals the committed bundle (CI runs this)
#
# Needs Node 20 or later and npm; packages come from the npm registry as pinned by
# web/package-lock.json. The build depends on nothing but the sources and the lock file (no
# timestamps), so the same commit always gives the same bytes.
set -euo pipefail

log() { printf 'web-build.sh: %s\n' "$*" >&2; }

REPO=$(cd "$(dirname "$0")/.." && pwd)
WEB=$REPO/web
DIST=$REPO/crates/vigil-server/web-dist

case "${1:-}" in
  "") check=0 ;;
  --check) check=1 ;;
  -h|--help|help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) log "unknown argument '$1'"; exit 2 ;;
esac

command -v npm >/dev/null 2>&1 || { log "error: npm is not installed (Node 20 or later)"; exit 1; }

cd "$WEB"
# npm ci is skipped when node_modules was installed after the lock file last changed (npm
# writes node_modules/.package-lock.json on every install).
if ! [[ node_modules/.package-lock.json -nt package-lock.json ]]; then
  log "npm ci"
  npm ci --no-audit --no-fund >&2
fi
npx --no-install tsc --noEmit

if (( ! check )); then
  npx --no-install vite build --logLevel warn
  log "built $DIST"
  exit 0
fi

fresh=$(mktemp -d)
trap 'rm -rf "$fresh"' EXIT
npx --no-install vite build --logLevel warn --outDir "$fresh" --emptyOutDir
if ! diff -r "$DIST" "$fresh" >/dev/null; then
  log "error: the committed bundle differs from a fresh build of web/:"
  diff -rq "$DIST" "$fresh" >&2 || true
  log "run scripts/web-build.sh and commit crates/vigil-server/web-dist"
  exit 1
fi
log "the committed bundle is a fresh build of web/"
