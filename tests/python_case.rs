//! `python::case` (the playground's compact Unicode case tables) maps every character exactly as
//! the standard library's `char::to_uppercase`/`to_lowercase` do, and `lower()` writes a word-final
//! capital sigma as `ς` as CPython does. When the standard library moves to a new Unicode version
//! this fails; `cargo test --test python_case -- --ignored --nocapture` prints the new tables.
#![cfg(not(target_arch = "wasm32"))]

use async_playground::python::case::{lower, push_lower, push_upper, upper};

#[test]
fn every_character_maps_as_the_standard_library_maps_it() {
    let mut wrong = Vec::new();
    for c in (0..=0x10ffff).filter_map(char::from_u32) {
        let (mut up, mut low) = (String::new(), String::new());
        push_upper(c, &mut up);
        push_lower(c, &mut low);
        if up != c.to_uppercase().collect::<String>() || low != c.to_lowercase().collect::<String>() {
            wrong.push(format!("U+{:04X}", c as u32));
        }
    }
    assert!(wrong.is_empty(), "{} characters map differently: {:?}", wrong.len(), &wrong[..wrong.len().min(20)]);
}

#[test]
fn strings_as_cpython_writes_them() {
    assert_eq!(upper("straße, café, ǆ, ŉ"), "STRASSE, CAFÉ, Ǆ, ʼN");
    assert_eq!(lower("ΟΔΥΣΣΕΥΣ"), "οδυσσευς");
    assert_eq!(lower("ΣΑΣ ΑΣ' Σ"), "σας ας' σ");
    assert_eq!(lower("İ"), "i\u{307}");
    assert_eq!(upper("hello, World 42"), "HELLO, WORLD 42");
}

/// Prints the tables of src/python/case.rs from the standard library's mappings.
#[test]
#[ignore]
fn print_tables() {
    type Map = fn(char) -> String;
    let maps: [(&str, Map); 2] = [("UPPER", |c| c.to_uppercase().collect()), ("LOWER", |c| c.to_lowercase().collect())];
    for (name, map) in maps {
        // (start, last, step, delta) of each run, and the one-to-many mappings.
        let mut runs: Vec<(u32, u32, u32, i64)> = Vec::new();
        let mut multi = Vec::new();
        for c in (0x80..=0x10ffff).filter_map(char::from_u32) {
            let mapped = map(c);
            let mut chars = mapped.chars();
            let (first, more) = (chars.next().unwrap(), chars.next().is_some());
            if more {
                multi.push(format!("('\\u{{{:x}}}', {mapped:?})", c as u32));
                continue;
            }
            if first == c {
                continue;
            }
            let (code, delta) = (c as u32, first as i64 - c as i64);
            if let Some(run) = runs.last_mut() {
                let gap = code - run.1;
                if run.3 == delta && (gap == 1 || gap == 2) && (run.2 == 0 || run.2 == gap) {
                    (run.1, run.2) = (code, gap);
                    continue;
                }
            }
            runs.push((code, code, 0, delta));
        }
        let packed: Vec<String> = runs
            .iter()
            .map(|&(start, last, step, delta)| {
                let step = step.max(1);
                let count = (last - start) / step + 1;
                assert!(count <= 1024 && start < 1 << 21);
                format!("(0x{:x}, {delta})", start | (count - 1) << 21 | u32::from(step == 2) << 31)
            })
            .collect();
        println!("{name}_RUNS: {}\n{name}_MULTI: {}\n", packed.join(", "), multi.join(", "));
    }
}
