#!/usr/bin/env bash
# scripts/run.sh: run the playground locally with live reload: setup, then `trunk serve`.
#
# Usage: bash scripts/run.sh [--port N]      (or PORT=N; default 8080; listens on 127.0.0.1 only)
# Then open the printed URL. Trunk rebuilds and reloads the page when src/, index.html or static/
# change. This is a debug build (no wasm-opt) in target/serve-dist/: scripts/build.sh makes the
# deployable one in dist/.
set -euo pipefail
_log_t0="$(date +%s)"
port="${PORT:-8080}"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --port) port="${2:?--port needs a number}"; shift 2 ;;
    --port=*) port="${1#--port=}"; shift ;;
    -h | --help) sed -n '2,7p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (usage: bash scripts/run.sh [--port N])" >&2; exit 2 ;;
  esac
done
[[ "$port" =~ ^[0-9]+$ ]] || { echo "port must be a number, not '$port'" >&2; exit 2; }

bash "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO_ROOT"

log "starting trunk serve (route $(wasm_route)); the first build takes a minute or two"
log "open http://127.0.0.1:$port/ once trunk says it is serving (Ctrl-C stops)"
# --public-url /: the dev server serves at the root; Trunk.toml's relative "./" is for dist/.
# --dist target/serve-dist: keep the debug build out of dist/, which holds the release build
# (scripts/build.sh) and may be in use by a concurrent scripts/test.sh.
# --no-autoreload: trunk's live-reload snippet is an inline <script>, which the page's
# Content-Security-Policy (index.html) refuses; trunk still rebuilds on every change: reload the page.
wasm_trunk serve --address 127.0.0.1 --port "$port" --public-url / \
  --dist target/serve-dist --disable-address-lookup --no-autoreload
