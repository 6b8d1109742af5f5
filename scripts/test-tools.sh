#!/usr/bin/env bash
# Install the third-party readers Vigil's export tests read the exports back with, and say
# where they are:
#
#   scripts/test-tools.sh        install what is missing; stdout is exactly three lines:
#                                    ogrinfo=/usr/bin/ogrinfo
#                                    python=/…/target/test-tools/hxl-venv/bin/python
#                                    web=ready      (or why the web test cannot run)
#
# - GDAL's command-line tools (`ogrinfo`), from Debian's `gdal-bin` package. Installing needs
#   root or password-less sudo; `apt-get update` runs only when the package lists do not know
#   the package, or when the install failed on stale lists.
# - libhxl (the HXL reference library, `import hxl`), pinned to LIBHXL_VERSION below, from PyPI
#   into a virtual environment of its own. A venv rather than `pip install` into the system
#   Python: Debian's Python refuses pip installs (PEP 668), and tests should not change the
#   machine's Python anyway. The venv is made with the machine's `python3` (or `python`, if
#   that is Python 3), or with VIGIL_PYTHON if set.
# - openapi-spec-validator, pinned to OPENAPI_SPEC_VALIDATOR_VERSION below, into the same venv:
#   the server's API description is checked with it (it validates OpenAPI 3.1), and with the
#   `jsonschema` library it brings the tests check real answers against the description.
# - For the web interface's end-to-end test: Debian's `chromium` package (a headless browser
#   driven by playwright-core; Playwright's own browser downloads are not used), and the web
#   project's npm packages (`npm ci` in web/, pinned by web/package-lock.json) when
#   web/node_modules is older than the lock file. Needs Node 20 or later and npm. `web=ready`
#   says the browser test can run (chromium is /usr/bin/chromium); otherwise the line says
#   why not, and only that test fails.
#
# Environment (all optional):
#   VIGIL_TOOLS_DIR   where the venv goes          (default: target/test-tools in the repository)
#   VIGIL_PYTHON      the Python to build it from  (default: python3, else python)
#
# Idempotent and quick when everything is there. Concurrent runs (two test runs at once, say)
# wait for each other on a lock file in VIGIL_TOOLS_DIR.
# Only the three result lines go to stdout; everything else goes to stderr.
set -euo pipefail

LIBHXL_VERSION=5.2.2
# libhxl imports `six` without declaring it; it used to come with python-dateutil 2.x, which
# 4.x no longer pulls in. So it is installed (and pinned) here.
SIX_VERSION=1.17.0
OPENAPI_SPEC_VALIDATOR_VERSION=0.9.0

# Keep stdout for the result lines alone.
exec 3>&1 1>&2

log() { printf 'test-tools.sh: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

case "${1:-}" in
  "") ;;
  -h|--help|help) sed -n '2,34p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) die "unknown argument '$1' (this script takes none)" ;;
esac

REPO=$(cd "$(dirname "$0")/.." && pwd)
TOOLS_DIR=${VIGIL_TOOLS_DIR:-$REPO/target/test-tools}
case "$TOOLS_DIR" in /*) ;; *) TOOLS_DIR="$PWD/$TOOLS_DIR" ;; esac
VENV=$TOOLS_DIR/hxl-venv

mkdir -p "$TOOLS_DIR"
exec 9>"$TOOLS_DIR/.lock"
flock 9

# --- root, sudo or neither --------------------------------------------------------------------
as_root() {
  if [[ $(id -u) -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo -n "$@"
  else
    die "need root or password-less sudo to run: $*"
  fi
}

apt_install() {
  local apt=(env DEBIAN_FRONTEND=noninteractive apt-get -y -qq --no-install-recommends
    -o DPkg::Lock::Timeout=600)
  # Lists that do not know a package need an update first; lists that know it but are stale
  # (a 404 on a superseded version) show up as a failed install, retried once after updating.
  local pkg known=1
  for pkg in "$@"; do
    apt-cache policy "$pkg" 2>/dev/null | grep -q 'Candidate: [0-9]' || known=0
  done
  if (( ! known )); then
    log "apt-get update"
    as_root apt-get update -qq >&2
  fi
  log "apt-get install $*"
  if ! as_root "${apt[@]}" install "$@" >&2; then
    log "apt-get update, then installing again"
    as_root apt-get update -qq >&2
    as_root "${apt[@]}" install "$@" >&2
  fi
}

# --- GDAL -----------------------------------------------------------------------------------------
if ! command -v ogrinfo >/dev/null 2>&1; then
  apt_install gdal-bin
fi
OGRINFO=$(command -v ogrinfo) || die "ogrinfo is still not on PATH after installing gdal-bin"
log "$("$OGRINFO" --version)"

# --- libhxl -------------------------------------------------------------------------------------
# Whether the venv's Python imports the pinned libhxl.
hxl_ready() {
  [[ -x $VENV/bin/python ]] && "$VENV/bin/python" - "$LIBHXL_VERSION" "$OPENAPI_SPEC_VALIDATOR_VERSION" <<'EOF' 2>/dev/null
import sys
from importlib.metadata import version
import hxl  # noqa: F401  (importing is the check)
import openapi_spec_validator  # noqa: F401
pinned = version("libhxl") == sys.argv[1] and version("openapi-spec-validator") == sys.argv[2]
sys.exit(0 if pinned else 1)
EOF
}

# The machine's Python 3: VIGIL_PYTHON, else python3, else python if it is Python 3.
base_python() {
  local candidate
  for candidate in ${VIGIL_PYTHON:-} python3 python; do
    if command -v "$candidate" >/dev/null 2>&1 \
      && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 8))' 2>/dev/null; then
      command -v "$candidate"
      return 0
    fi
  done
  return 1
}

if ! hxl_ready; then
  PY=$(base_python) || { apt_install python3 python3-venv; PY=$(base_python); } \
    || die "no Python 3 found (set VIGIL_PYTHON)"
  # A venv whose Python no longer runs (its base Python was removed) is made again.
  if [[ -e $VENV ]] && ! "$VENV/bin/python" -c '' 2>/dev/null; then
    log "removing the broken venv $VENV"
    rm -rf "$VENV"
  fi
  if [[ ! -e $VENV ]]; then
    log "creating a venv in $VENV with $PY ($("$PY" --version 2>&1))"
    if ! "$PY" -m venv "$VENV" >&2; then
      # Debian's own Python has no venv module (ensurepip) until python3-venv is installed.
      rm -rf "$VENV"
      [[ $PY == /usr/bin/* ]] || die "$PY cannot create a venv (set VIGIL_PYTHON to one that can)"
      apt_install python3-venv
      "$PY" -m venv "$VENV" >&2
    fi
  fi
  log "pip install libhxl==$LIBHXL_VERSION six==$SIX_VERSION openapi-spec-validator==$OPENAPI_SPEC_VALIDATOR_VERSION"
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check \
    "libhxl==$LIBHXL_VERSION" "six==$SIX_VERSION" \
    "openapi-spec-validator==$OPENAPI_SPEC_VALIDATOR_VERSION" >&2
  hxl_ready || die "libhxl $LIBHXL_VERSION or openapi-spec-validator \
$OPENAPI_SPEC_VALIDATOR_VERSION does not import in $VENV after installing them"
fi
log "libhxl $LIBHXL_VERSION and openapi-spec-validator $OPENAPI_SPEC_VALIDATOR_VERSION in $VENV"

# --- chromium and the web project's packages ------------------------------------------------------
# Only the web interface's end-to-end test needs these: a machine without them still runs
# every other test, and that test fails with the reason given on the `web=` line.
web_tools() {
  if [[ ! -x /usr/bin/chromium ]]; then
    ( apt_install chromium ) || { echo "installing Debian's chromium failed (see above)"; return; }
  fi
  [[ -x /usr/bin/chromium ]] || { echo "/usr/bin/chromium is missing after installing chromium"; return; }
  log "$(/usr/bin/chromium --version 2>/dev/null || echo chromium)"
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    echo "Node 20 or later and npm are needed (https://nodejs.org)"; return
  fi
  if ! node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)'; then
    echo "Node $(node --version) is too old: Node 20 or later is needed"; return
  fi
  if ! [[ $REPO/web/node_modules/.package-lock.json -nt $REPO/web/package-lock.json ]]; then
    log "npm ci in web/"
    (cd "$REPO/web" && npm ci --no-audit --no-fund >&2) || { echo "npm ci in web/ failed (see above)"; return; }
  fi
  echo ready
}
WEB=$(web_tools)

echo "ogrinfo=$OGRINFO" >&3
echo "python=$VENV/bin/python" >&3
echo "web=$WEB" >&3
