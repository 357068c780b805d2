#!/usr/bin/env bash
# scripts/setup.sh: installs everything the playground needs to build, run and test. Idempotent:
# each step first checks and only installs what is missing, so a second run takes seconds.
#
# Steps (each printed with a timestamp and its duration):
#   1. wasm32 toolchain route, detected by trying (recorded in target/.wasm-route for the other
#      scripts, see scripts/env.sh):
#        rustup  `rustup target add wasm32-unknown-unknown` and `rustup component add rust-src`
#                work (given 120 s each): default toolchain, std's source for the release build;
#        debian  otherwise Debian's rustc-web (registry-only, always reachable here) linked as the
#                rustup toolchain `debian-web`, std built from rust-web-src.
#      Force one with PLAYGROUND_WASM_ROUTE=debian (or =rustup); that is recorded too.
#   2. Debian packages: chromium + chromium-driver (browser tests), brotli (size budget), python3
#      if there is none (tests/cpython_check.rs), and on the debian route rustc-web, cargo-web, rust-web-src, rust-web-llvm, lld-22, rust-web-clippy.
#      `apt-get update` runs once, and only if something is missing.
#   3. rustfmt + clippy for the host toolchain.
#   4. `cargo fetch` (host and wasm32, with the route's variables) so later builds need no network,
#      and so that Cargo.lock exists.
#   5. trunk (cargo install, needs a rustc >= 1.96.1, see pick_trunk_toolchain).
#   6. wasm-bindgen-cli at exactly Cargo.lock's wasm-bindgen version (also gives
#      wasm-bindgen-test-runner); checked against Trunk.toml's [tools] pin.
#   7. npm packages from package-lock.json: playwright-core (e2e), binaryen (wasm-opt), terser;
#      wasm-opt's version is checked against Trunk.toml's [tools] pin.
#
# Usage: bash scripts/setup.sh          (PLAYGROUND_WASM_ROUTE=debian|rustup to force a route)
set -euo pipefail
_log_t0="$(date +%s)"
# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO_ROOT"

SUDO=""
if [[ "$(id -u)" -ne 0 ]]; then SUDO="sudo"; fi

# Run one setup step with start/end timestamps and its duration.
step() {
  local title="$1"
  shift
  local t0
  t0="$(date +%s)"
  log "── $title"
  "$@"
  log "   done: $title ($(($(date +%s) - t0)) s)"
}

# ── 1. route ─────────────────────────────────────────────────────────────────────────────────
rustup_has_wasm_target() {
  rustup target list --installed 2>/dev/null | grep -qx 'wasm32-unknown-unknown'
}

rustup_has_rust_src() {
  rustup component list --installed 2>/dev/null | grep -qx 'rust-src'
}

choose_route() {
  command -v rustup >/dev/null || die "rustup not found: install Rust with rustup first (https://rustup.rs)"
  local forced="${PLAYGROUND_WASM_ROUTE:-}" recorded="" route=""
  [[ -f "$WASM_ROUTE_FILE" ]] && recorded="$(<"$WASM_ROUTE_FILE")"
  case "$forced" in
    "") ;;
    rustup | debian) route="$forced"; log "   route forced by PLAYGROUND_WASM_ROUTE=$forced" ;;
    *) die "PLAYGROUND_WASM_ROUTE must be 'rustup' or 'debian', not '$forced'" ;;
  esac
  if [[ -z "$route" && "$recorded" == debian ]]; then
    # Recorded earlier (the probe may have cost 120 s): don't probe again.
    route=debian
    log "   reusing recorded route: debian (delete $WASM_ROUTE_FILE to probe again)"
  fi
  if [[ -z "$route" || "$route" == rustup ]]; then
    if rustup_has_wasm_target; then
      route=rustup
      log "   rustup's default toolchain has wasm32-unknown-unknown"
    else
      log "   trying: rustup target add wasm32-unknown-unknown (time limit 120 s)"
      if timeout 120 rustup target add wasm32-unknown-unknown; then
        route=rustup
      elif [[ "$forced" == rustup ]]; then
        die "PLAYGROUND_WASM_ROUTE=rustup but 'rustup target add wasm32-unknown-unknown' failed"
      else
        log "   rustup could not add the target: falling back to Debian's rustc-web"
        route=debian
      fi
    fi
  fi
  # The release build rebuilds std (scripts/env.sh: wasm_release_env), so the rustup route also
  # needs std's source.
  if [[ "$route" == rustup ]] && ! rustup_has_rust_src; then
    log "   trying: rustup component add rust-src (time limit 120 s)"
    if timeout 120 rustup component add rust-src; then
      :
    elif [[ "$forced" == rustup ]]; then
      die "PLAYGROUND_WASM_ROUTE=rustup but 'rustup component add rust-src' failed"
    else
      log "   rustup could not add rust-src: falling back to Debian's rustc-web (rust-web-src)"
      route=debian
    fi
  fi
  mkdir -p "$(dirname "$WASM_ROUTE_FILE")"
  printf '%s\n' "$route" >"$WASM_ROUTE_FILE"
  ROUTE="$route"
  log "   wasm32 route: $ROUTE (recorded in ${WASM_ROUTE_FILE#"$REPO_ROOT"/})"
}

# ── 2. Debian packages ───────────────────────────────────────────────────────────────────────
APT_UPDATED=0
apt_missing() {
  local p
  for p in "$@"; do
    [[ "$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null)" == installed ]] || printf '%s ' "$p"
  done
}
apt_ensure() {
  local missing
  missing="$(apt_missing "$@")"
  if [[ -z "$missing" ]]; then
    log "   already installed: $*"
    return
  fi
  command -v apt-get >/dev/null || die "missing packages ($missing) and no apt-get: install them by hand"
  if [[ "$APT_UPDATED" -eq 0 ]]; then
    log "   apt-get update (something is missing)"
    $SUDO apt-get update -q
    APT_UPDATED=1
  fi
  log "   apt-get install $missing"
  # shellcheck disable=SC2086 # word splitting of the package list is intended
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q $missing
}

debian_toolchain_ensure() {
  apt_ensure rustc-web cargo-web rust-web-src rust-web-llvm lld-22 rust-web-clippy
  if ! rustup toolchain list | grep -q '^debian-web'; then
    log "   rustup toolchain link debian-web /usr"
    rustup toolchain link debian-web /usr
  fi
  log "   debian-web: $(rustc +debian-web --version)"
}

system_packages() {
  apt_ensure chromium chromium-driver brotli
  # tests/cpython_check.rs runs the chapter's code under CPython (3.8+) to compare the output.
  if command -v python3 >/dev/null; then
    log "   $(python3 --version)"
  else
    apt_ensure python3
  fi
  if [[ "$ROUTE" == debian ]]; then debian_toolchain_ensure; fi
}

# ── 3. host lint tools ───────────────────────────────────────────────────────────────────────
host_components() {
  if cargo fmt --version >/dev/null 2>&1 && cargo clippy --version >/dev/null 2>&1; then
    log "   $(cargo fmt --version), $(cargo clippy --version)"
    return
  fi
  log "   rustup component add rustfmt clippy (time limit 120 s)"
  timeout 120 rustup component add rustfmt clippy ||
    die "the default toolchain lacks rustfmt/clippy and rustup could not add them"
}

# ── 4. crates ────────────────────────────────────────────────────────────────────────────────
fetch_crates() {
  # Host crates, then the wasm32 ones (on the debian route this also fetches what build-std
  # needs), so that builds, trunk and the tests work without network afterwards.
  cargo fetch --quiet
  wasm_cargo fetch --quiet --target wasm32-unknown-unknown
  # …and the crates std's own build needs (the release build rebuilds std on both routes).
  wasm_release_env cargo fetch --quiet --target wasm32-unknown-unknown
  log "   Cargo.lock: wasm-bindgen $(locked_wasm_bindgen_version)"
}

# ── 5. trunk ─────────────────────────────────────────────────────────────────────────────────
rustc_version_of() { # "" = default toolchain, else a toolchain name
  local plus=()
  [[ -n "$1" ]] && plus=("+$1")
  rustc "${plus[@]}" --version 2>/dev/null | awk '{ sub(/-.*/, "", $2); print $2 }'
}

# trunk 0.22.x needs rustc >= 1.96.1. Prefer the default toolchain (a current rustup stable has
# it), then an installed nightly, then Debian's rustc-web 1.96.0 with --ignore-rust-version
# (verified to work; installed from the Debian registry if needed, which is always reachable).
# Sets TRUNK_CARGO to the cargo command line to install with.
pick_trunk_toolchain() {
  local v
  v="$(rustc_version_of "")"
  if [[ -n "$v" ]] && version_ge "$v" "$TRUNK_MIN_RUST"; then
    TRUNK_CARGO=(cargo install)
    return
  fi
  if rustup toolchain list | grep -q '^nightly'; then
    v="$(rustc_version_of nightly)"
    if [[ -n "$v" ]] && version_ge "$v" "$TRUNK_MIN_RUST"; then
      TRUNK_CARGO=(cargo +nightly install)
      return
    fi
  fi
  debian_toolchain_ensure
  TRUNK_CARGO=(cargo +debian-web install --ignore-rust-version)
}

install_trunk() {
  if [[ "$(trunk --version 2>/dev/null)" == "trunk $TRUNK_VERSION" ]]; then
    log "   already installed: trunk $TRUNK_VERSION"
    return
  fi
  pick_trunk_toolchain
  log "   ${TRUNK_CARGO[*]} trunk --version $TRUNK_VERSION --locked (10-18 min on 2 cores)"
  "${TRUNK_CARGO[@]}" trunk --version "$TRUNK_VERSION" --locked
  [[ "$(trunk --version)" == "trunk $TRUNK_VERSION" ]] || die "trunk --version is not $TRUNK_VERSION after install"
}

# ── 6. wasm-bindgen-cli ──────────────────────────────────────────────────────────────────────
trunk_toml_tool() { # value of a [tools] key in Trunk.toml
  awk -v key="$1" '
    /^\[/ { in_tools = ($0 == "[tools]") }
    in_tools && $1 == key { gsub(/"/, "", $3); print $3; exit }' Trunk.toml
}

install_wasm_bindgen_cli() {
  local want pinned
  want="$(locked_wasm_bindgen_version)"
  [[ -n "$want" ]] || die "no wasm-bindgen in Cargo.lock (is it a dependency in Cargo.toml?)"
  pinned="$(trunk_toml_tool wasm_bindgen)"
  [[ "$pinned" == "$want" ]] ||
    die "Trunk.toml [tools] wasm_bindgen = \"$pinned\" but Cargo.lock has wasm-bindgen $want: make them equal"
  if [[ "$(wasm-bindgen --version 2>/dev/null)" == "wasm-bindgen $want" &&
    "$(wasm-bindgen-test-runner --version 2>/dev/null)" == *" $want" ]]; then
    log "   already installed: wasm-bindgen-cli $want"
    return
  fi
  # Without --locked: its lock file asks for a webpki-roots version this crates.io mirror lacks.
  log "   cargo install wasm-bindgen-cli --version $want (about 2 min on 2 cores)"
  cargo install wasm-bindgen-cli --version "$want"
  [[ "$(wasm-bindgen --version)" == "wasm-bindgen $want" ]] || die "wasm-bindgen --version is not $want after install"
}

# ── 7. npm ───────────────────────────────────────────────────────────────────────────────────
npm_packages() {
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    die "node and npm are needed (Node >= 20, for playwright-core): install Node.js 20+"
  fi
  local nv
  nv="$(node -p 'process.versions.node')"
  version_ge "$nv" 20.0.0 || die "Node $nv is too old: playwright-core needs Node >= 20"
  # npm writes node_modules/.package-lock.json on every install: when it is newer than
  # package-lock.json (and package.json) the tree is current and `npm ci` can be skipped.
  local stamp="node_modules/.package-lock.json"
  if [[ -f "$stamp" && ! "$stamp" -ot package-lock.json && ! "$stamp" -ot package.json &&
    -x node_modules/.bin/wasm-opt && -f node_modules/playwright-core/package.json ]]; then
    log "   node_modules is up to date with package-lock.json"
  else
    log "   npm ci (playwright-core, binaryen, terser)"
    npm ci --no-audit --no-fund
  fi
  local want_opt have_opt
  want_opt="$(trunk_toml_tool wasm_opt)"
  have_opt="$(wasm-opt --version)"
  [[ "$have_opt" == *"($want_opt)"* ]] ||
    die "wasm-opt on PATH says '$have_opt' but Trunk.toml pins wasm_opt = \"$want_opt\""
  log "   node $nv, playwright-core $(node -p 'require("./node_modules/playwright-core/package.json").version'), $have_opt"
}

step "1/7 wasm32 toolchain route" choose_route
step "2/7 Debian packages" system_packages
step "3/7 rustfmt + clippy (host)" host_components
step "4/7 cargo fetch (host + wasm32)" fetch_crates
step "5/7 trunk $TRUNK_VERSION" install_trunk
step "6/7 wasm-bindgen-cli (= Cargo.lock)" install_wasm_bindgen_cli
step "7/7 npm packages" npm_packages
log "setup complete: route $ROUTE, $(trunk --version), $(wasm-bindgen --version), chromium $("$CHROMIUM_BIN" --version 2>/dev/null | awk '{print $2}')"
