#!/usr/bin/env bash
# scripts/bench.sh: the benchmark command (issue 7). Not part of the test command: it measures
# speed and size and prints figures with their targets; it exits non-zero only when a figure
# misses its target by more than 2x.
#   1. the virtual clock natively (cargo bench --bench virtual_clock), and the Python interpreter
#      against python3 (cargo bench --bench interpreter: CPU-bound ratio, 10,000 interpreted tasks)
#   2. the release build in headless Chromium (bench/page.mjs): first-load size, time to ready,
#      timer lateness, 10,000 tasks for real, the virtual clock in wasm, the 10,000-lane timeline,
#      memory after 1,000 runs
# It builds and measures its own release build, dist-bench/ (BENCH_DIST=<folder> to change): the
# site plus the benchmark hooks (cargo feature `bench`), never dist/, which the e2e suites run
# against. Its size figure is the site's plus those hooks (~1.5 kB brotli).
set -euo pipefail
_log_t0="$(date +%s)"
# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO_ROOT"
export BENCH_DIST="${BENCH_DIST:-dist-bench}"

bash scripts/setup.sh
log "native: cargo bench --bench virtual_clock"
cargo bench --bench virtual_clock
log "native: cargo bench --bench interpreter"
cargo bench --bench interpreter
# The benchmark's own build: the site plus its hooks (feature `bench`, src/browser/bench.rs).
log "trunk build --release --features bench → $BENCH_DIST/"
wasm_release_trunk build --release --features bench --dist "$BENCH_DIST"
node scripts/minify.mjs "$BENCH_DIST"
log "page: node bench/page.mjs"
# A missed page target still fails the command, after the size shares below are printed.
page_status=0
node bench/page.mjs || page_status=$?

# Each crate's share of the wasm (before wasm-bindgen/wasm-opt shrink it: read the shares, not the
# bytes). twiggy is a benchmark-only tool, installed here rather than by setup.sh.
if ! command -v twiggy >/dev/null; then
  log "installing twiggy 0.8.0 (benchmark only, ~3 min)"
  cargo install twiggy --version 0.8.0 --locked
fi
log "wasm size by crate (twiggy)"
twiggy top -n 1000000 -f csv target/wasm32-unknown-unknown/release/async-playground.wasm |
  python3 scripts/size-by-crate.py
exit "$page_status"
