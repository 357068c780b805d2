# shellcheck shell=bash
# scripts/env.sh: shared environment of the project scripts. Source it, don't run it.
#
# - puts the tools where the scripts expect them: node_modules/.bin (wasm-opt from npm binaryen,
#   which trunk needs) and ~/.cargo/bin (trunk, wasm-bindgen, wasm-bindgen-test-runner);
# - `log`, `die`: timestamped progress lines;
# - `wasm_release_trunk`: the release build of the site (std rebuilt, panics abort at once);
# - `wasm_cargo`, `wasm_trunk`, `wasm_env`: run cargo / trunk / anything for wasm32 with the
#   variables of the toolchain route chosen by scripts/setup.sh (recorded in target/.wasm-route):
#     rustup  the default rustup toolchain with its wasm32-unknown-unknown target: no variables;
#     debian  Debian's rustc-web 1.96 linked as rustup toolchain `debian-web`, std built from
#             source (rust-web-src): RUSTUP_TOOLCHAIN=debian-web RUSTC_BOOTSTRAP=1
#             CARGO_UNSTABLE_BUILD_STD=std,panic_abort.
#   Host commands (cargo fmt, host clippy, native cargo test) never get these variables: on the
#   Debian route they would rebuild std for the host too. Always call wasm builds through these
#   functions: calling cargo differently (other variables) invalidates its cache (~1 min rebuild).
#
# Sourcing only defines things; it doesn't change shell options of the caller.

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export REPO_ROOT

# node_modules/.bin first: trunk must find binaryen 132's wasm-opt before any /usr/bin/wasm-opt
# (Debian's binaryen 108 can't read what wasm-bindgen 0.2.130 emits).
export PATH="$REPO_ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

# wasm-bindgen-test-runner: use Debian's chromedriver (it otherwise looks for geckodriver first).
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
# trunk's start-up update check would only wait on a network that isn't there.
export TRUNK_SKIP_VERSION_CHECK=true

WASM_ROUTE_FILE="$REPO_ROOT/target/.wasm-route"
# Tool versions in one place (setup.sh installs them, Trunk.toml / package.json pin the same).
# (shellcheck: they are used by the scripts that source this file.)
# shellcheck disable=SC2034
{
  TRUNK_VERSION="0.22.1"
  TRUNK_MIN_RUST="1.96.1" # trunk 0.22.x declares rust-version 1.96.1
  CHROMIUM_BIN="/usr/bin/chromium"
}

# Seconds since the calling script started, for the timestamps.
_log_t0="${_log_t0:-$(date +%s)}"
log() {
  printf '[%s +%4ss] %s\n' "$(date +%H:%M:%S)" "$(($(date +%s) - _log_t0))" "$*"
}
die() {
  printf '[%s] ERROR: %s\n' "$(date +%H:%M:%S)" "$*" >&2
  exit 1
}

# The recorded route (rustup|debian); fails with a hint when setup.sh hasn't run yet.
wasm_route() {
  local route=""
  [[ -f "$WASM_ROUTE_FILE" ]] && route="$(<"$WASM_ROUTE_FILE")"
  case "$route" in
    rustup | debian) printf '%s\n' "$route" ;;
    *) die "no wasm toolchain route recorded in $WASM_ROUTE_FILE: run 'bash scripts/setup.sh' first" ;;
  esac
}

# Run any command with the route's wasm variables (trunk calls plain `cargo`; the rustup proxy
# honours RUSTUP_TOOLCHAIN, so trunk's cargo gets the right toolchain too).
wasm_env() {
  if [[ "$(wasm_route)" == debian ]]; then
    RUSTUP_TOOLCHAIN=debian-web RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=std,panic_abort "$@"
  else
    "$@"
  fi
}
wasm_cargo() { wasm_env cargo "$@"; }
wasm_trunk() { wasm_env trunk "$@"; }

# The site's release build (build.sh, bench.sh), on either route: std rebuilt from source
# (rust-src on the rustup route, rust-web-src on the Debian one) with panics that abort at once
# (`-C panic=immediate-abort`, unstable, hence RUSTC_BOOTSTRAP): no panic message formatting, no
# file/line strings, no unwinding tables. Measured (issue 14): 25 kB less brotli wasm. A panic in
# the release build is then a bare wasm trap, which static/boot.js turns into the panic banner;
# debug builds (`trunk serve`, the wasm tests) keep ordinary panics with their messages. RUSTFLAGS
# replaces .cargo/config.toml's wasm rustflags, so the 16 MiB wasm stack is repeated here.
wasm_release_env() {
  RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
    RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Clink-arg=-zstack-size=16777216" wasm_env "$@"
}
wasm_release_trunk() { wasm_release_env trunk "$@"; }

# The wasm-bindgen version locked in Cargo.lock (empty if none).
locked_wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' \
    "$REPO_ROOT/Cargo.lock" 2>/dev/null
}

# `version_ge A B`: true if version A >= B (dotted numbers, e.g. 1.96.0 vs 1.96.1).
version_ge() {
  [[ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" == "$2" ]]
}
