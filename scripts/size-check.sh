#!/usr/bin/env bash
# scripts/size-check.sh: the download-size budget of the release build in dist/.
#
# Prints raw, gzip -9 and brotli -q 11 sizes of every .html/.js/.wasm/.css file in dist/ and their
# totals, and fails when the brotli total is over the budget: 425 kB = 425,000 bytes (override
# with PLAYGROUND_BUDGET_BROTLI_BYTES). The budget catches a large regression, not the target:
# issue 7 asked for 250 kB when the site was 222 kB; issue 9's features took it to 269.5 kB and
# the budget to 285 kB; issue 14 (the Python interpreter on the page) allowed one re-base, to the
# new first load + 6 % but never above 360 kB. Issue 15 (every section's code editable: the
# editor, code in links, the gallery) re-based it once more, to 390 kB, with each part's bytes
# measured (README "Benchmarks"); issue 16 (what the loop sees: the await graph, resources,
# figures, warnings) to 425 kB, likewise. The target (150 kB first load)
# is still open. Brotli is what a static host or CDN typically serves;
# the figures are what a visitor downloads on the first visit.
# SIZE_DIST=<folder> checks another release build than dist/ (e.g. dist-perf, a benchmark's own).
set -euo pipefail
_log_t0="$(date +%s)"
# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO_ROOT"

budget="${PLAYGROUND_BUDGET_BROTLI_BYTES:-425000}"
dist="${SIZE_DIST:-dist}"
command -v brotli >/dev/null || die "brotli not found (apt-get install brotli, or run scripts/setup.sh)"
[[ -f "$dist/index.html" ]] || die "$dist/index.html missing: run scripts/build.sh first"

mapfile -t files < <(find "$dist" -type f \( -name '*.html' -o -name '*.js' -o -name '*.wasm' -o -name '*.css' \) | sort)
[[ ${#files[@]} -gt 0 ]] || die "no .html/.js/.wasm/.css files in $dist/"
grep -q '\.wasm$' <(printf '%s\n' "${files[@]}") || die "no .wasm file in $dist/: the build is incomplete"

raw_total=0 gz_total=0 br_total=0
printf '%-48s %10s %10s %10s\n' "file" "raw" "gzip -9" "brotli -q11"
for f in "${files[@]}"; do
  raw=$(wc -c <"$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  br=$(brotli -q 11 -c "$f" | wc -c)
  raw_total=$((raw_total + raw)) gz_total=$((gz_total + gz)) br_total=$((br_total + br))
  printf '%-48s %10d %10d %10d\n' "${f#"$dist"/}" "$raw" "$gz" "$br"
done
printf '%-48s %10d %10d %10d\n' "TOTAL" "$raw_total" "$gz_total" "$br_total"

if ((br_total > budget)); then
  die "size budget exceeded: brotli total $br_total bytes > budget $budget bytes"
fi
log "size budget ok: brotli total $br_total bytes ≤ $budget bytes ($((br_total * 100 / budget))% of the budget)"
