#!/usr/bin/env bash
# scripts/bench.sh: the benchmark command (issue 7). Not part of the test command: it measures
# speed and size and prints figures with their targets; it exits non-zero only when a figure
# misses its target by more than 2x.
#   1. the virtual clock natively (cargo bench --bench virtual_clock), and the Python interpreter
#      against python3 (cargo bench --bench interpreter: CPU-bound ratio, 10,000 interpreted tasks)
#   2. the release build in headless Chromium (bench/page.mjs): first-load size, time to ready,
#      timer lateness, 10,000 tasks for real, the virtual clock in wasm, the 10,000-lane timeline,
#      memory after 1,000 runs
# BENCH_DIST=<folder> builds into and measures that folder instead of dist/ (dist/ is what the
# e2e suites of everyone else run against: a benchmark should not rebuild it under them).
set -euo pipefail
_log_t0="$(date +%s)"
# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO_ROOT"

bash scripts/setup.sh
log "native: cargo bench --bench virtual_clock"
cargo bench --bench virtual_clock
log "native: cargo bench --bench interpreter"
cargo bench --bench interpreter
if [[ -n "${BENCH_DIST:-}" && "$BENCH_DIST" != dist ]]; then
  log "trunk build --release → $BENCH_DIST/"
  wasm_release_trunk build --release --dist "$BENCH_DIST"
  node scripts/minify.mjs "$BENCH_DIST"
else
  bash scripts/build.sh
fi
log "page: node bench/page.mjs"
BENCH_DIST="${BENCH_DIST:-dist}" node bench/page.mjs

# Each crate's share of the wasm (before wasm-bindgen/wasm-opt shrink it: read the shares, not the
# bytes). twiggy is a benchmark-only tool, installed here rather than by setup.sh.
if ! command -v twiggy >/dev/null; then
  log "installing twiggy 0.8.0 (benchmark only, ~3 min)"
  cargo install twiggy --version 0.8.0 --locked
fi
log "wasm size by crate (twiggy)"
twiggy top -n 1000000 -f csv target/wasm32-unknown-unknown/release/async-playground.wasm |
  python3 scripts/size-by-crate.py
