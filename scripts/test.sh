#!/usr/bin/env bash
# scripts/test.sh: THE test command (README "Setup, run, test, deploy"; .ci/run calls it).
#
# Runs every check in order, stops at the first failure with a message naming the failed step,
# and prints how long each step took:
#    setup        scripts/setup.sh (installs only what is missing)
#    fmt          cargo fmt --all -- --check
#    clippy-host  cargo clippy --all-targets -- -D warnings
#    clippy-wasm  the same for --target wasm32-unknown-unknown (the browser code lives there), with
#                 --all-features (the benchmark's hooks, feature `bench`, must keep compiling)
#    test-native  cargo test (the pure core: engine, scenarios, …)
#    test-wasm    cargo test --target wasm32-unknown-unknown: wasm-bindgen-test in headless
#                 Chromium (runner from .cargo/config.toml, browser flags from webdriver.json)
#    build        scripts/build.sh: trunk build --release → dist/
#    size         scripts/size-check.sh: brotli(html+js+wasm+css) ≤ 425 kB
#    e2e          node --test e2e/*.test.mjs: playwright-core drives Chromium on dist/, served at / and
#                 under a sub-path
# Steps run one after the other on purpose: with 2 cores, parallel cargo builds only slow down.
#
# Usage: bash scripts/test.sh
set -euo pipefail
_log_t0="$(date +%s)"
# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO_ROOT"

STEP_NAMES=()
STEP_TIMES=()

summary() {
  local i total=0
  echo
  echo "── step timings ──"
  for i in "${!STEP_NAMES[@]}"; do
    printf '  %-12s %5s s\n' "${STEP_NAMES[$i]}" "${STEP_TIMES[$i]}"
    total=$((total + STEP_TIMES[i]))
  done
  printf '  %-12s %5s s\n' "total" "$total"
}

# run_step NAME DESCRIPTION COMMAND...: runs COMMAND, records its duration, stops everything on
# failure with the step's name.
run_step() {
  local name="$1" what="$2"
  shift 2
  local t0 rc=0
  t0="$(date +%s)"
  log "▶ $name: $what"
  "$@" || rc=$?
  STEP_NAMES+=("$name")
  STEP_TIMES+=("$(($(date +%s) - t0))")
  if [[ $rc -ne 0 ]]; then
    summary
    echo
    log "✗ FAILED at step '$name' ($what): exit code $rc"
    exit "$rc"
  fi
  log "✓ $name (${STEP_TIMES[-1]} s)"
}

run_step setup "install what is missing" bash scripts/setup.sh
run_step fmt "cargo fmt --check" cargo fmt --all -- --check
run_step clippy-host "clippy, host" cargo clippy --all-targets -- -D warnings
run_step clippy-wasm "clippy, wasm32 (route $(wasm_route))" \
  wasm_cargo clippy --target wasm32-unknown-unknown --all-targets --all-features -- -D warnings
run_step test-native "cargo test (native)" cargo test
run_step test-wasm "wasm-bindgen-test in headless Chromium" \
  wasm_cargo test --target wasm32-unknown-unknown
run_step build "trunk build --release → dist/" bash scripts/build.sh
run_step size "size budget of dist/" bash scripts/size-check.sh
# Only the *.test.mjs files: helpers and servers in e2e/ (test-api-server.mjs…) are not tests.
run_step e2e "browser end-to-end suite on dist/" node --test e2e/*.test.mjs

summary
echo
log "all checks passed"
