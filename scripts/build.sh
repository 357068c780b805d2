#!/usr/bin/env bash
# scripts/build.sh: the release build, i.e. the deployable site: `trunk build --release` into dist/.
#
# dist/ holds index.html plus hashed .js/.wasm/.css files referenced with relative URLs
# (Trunk.toml: public_url = "./"), so it can be copied as-is under any path of any static host.
# wasm-opt -Oz runs here (release only), from npm binaryen 132 on PATH (scripts/env.sh); then
# scripts/minify.mjs minifies the JavaScript with npm terser (trunk copies static/*.js as they are).
# Expects scripts/setup.sh to have run (scripts/test.sh and scripts/run.sh run it first).
set -euo pipefail
_log_t0="$(date +%s)"
# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO_ROOT"

log "trunk build --release (route $(wasm_route)) → dist/"
wasm_release_trunk build --release
log "minify the JavaScript (terser; index.html's integrity hashes follow)"
node scripts/minify.mjs dist
log "dist/:"
ls -l dist/
