//! The pure core (engine, interpreter, insight, scenarios, link codec, highlighter) must never reach for the browser or a
//! clock: that is what makes it testable here, natively and deterministically.

use std::fs;
use std::path::Path;

const FORBIDDEN: [&str; 8] =
    ["web_sys", "js_sys", "yew", "gloo", "wasm_bindgen", "std::time", "Instant::now", "SystemTime"];

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn the_pure_core_imports_nothing_from_the_browser_and_reads_no_clock() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    for dir in ["engine", "scenarios", "report", "python", "insight"] {
        rust_files(&root.join(dir), &mut files);
    }
    for file in ["link.rs", "deflate.rs", "highlight.rs"] {
        if root.join(file).exists() {
            files.push(root.join(file));
        }
    }
    assert!(files.len() >= 8, "expected the core's files, found {files:?}");
    let mut offences = Vec::new();
    for file in &files {
        let text = fs::read_to_string(file).unwrap();
        for (number, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for word in FORBIDDEN {
                if code.contains(word) {
                    offences.push(format!("{}:{}: {word}: {}", file.display(), number + 1, line.trim()));
                }
            }
        }
    }
    assert!(offences.is_empty(), "the pure core must not use the browser or a clock:\n{}", offences.join("\n"));
}

#[test]
fn the_core_crates_are_not_even_available_natively() {
    // Browser crates are wasm32-only dependencies (Cargo.toml), so the host build cannot import them.
    let manifest = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml")).unwrap();
    let (host, wasm_only) = manifest
        .split_once("[target.'cfg(target_arch = \"wasm32\")'.dependencies]")
        .expect("a wasm32-only dependency table");
    for name in ["web-sys", "js-sys", "yew", "gloo-timers", "wasm-bindgen"] {
        assert!(!host.contains(&format!("\n{name} ")), "{name} must not be a host dependency");
        assert!(wasm_only.contains(&format!("\n{name} ")), "{name} belongs to the wasm32-only table");
    }
}
