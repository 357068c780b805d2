#!/usr/bin/env python3
"""scripts/size-by-crate.py: each crate's share of the wasm's code, from `twiggy top --format csv`.

Usage: twiggy top -n 1000000 -f csv target/wasm32-unknown-unknown/release/async-playground.wasm \
         | python3 scripts/size-by-crate.py
Functions are attributed to the crate their (demangled) name starts with; generic code instantiated
for our types often carries the library's name, so read the figures as "code from or for" a crate.
Custom sections (names, wasm-bindgen metadata) and wasm-bindgen's describe functions are not
shipped after wasm-bindgen and wasm-opt, so they are left out.
"""
import csv
import re
import sys
from collections import Counter

sizes = Counter()
for row in csv.DictReader(sys.stdin):
    # The release build rebuilds std, whose symbols carry a crate hash: `core[c5930c85a12de822]::…`.
    name, size = re.sub(r"\[[0-9a-f]+\]", "", row["Name"]), int(row["ShallowSize"])
    if name.startswith(("custom section", "export ")) or "subsection" in name or "__wbindgen_describe" in name:
        # Names, wasm-bindgen's metadata and its describe functions: removed by wasm-bindgen.
        continue
    # "<yew::html::...>::fmt" or "core::ptr::drop_in_place<alloc::...>": the first path segment.
    match = re.match(r"[<&\s]*(?:dyn\s+|impl\s+)?([A-Za-z_][A-Za-z0-9_]*)(?:\[[0-9a-f]+\])?::", name)
    crate = match.group(1) if match else ("(static data)" if name.startswith("data segment") else "(other)")
    if crate == "async_playground":
        # Our own crate by module, so the interpreter's share (async_playground::python) shows.
        inner = re.match(r"[<&\s]*async_playground::([A-Za-z_][A-Za-z0-9_]*)::", name)
        if inner:
            crate = f"async_playground::{inner.group(1)}"
    sizes[crate] += size
total = sum(sizes.values())
print(f"{'crate':<28} {'bytes':>9} {'share':>7}")
for crate, size in sizes.most_common(40):
    print(f"{crate:<28} {size:>9} {100 * size / total:>6.1f}%")
print(f"{'total (code + data)':<28} {total:>9}")
