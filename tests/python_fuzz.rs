//! Fuzzing the parser and the interpreter with proptest: the corpus programs, mutated (bytes
//! deleted, inserted, swapped, Python's own tokens spliced in), and arbitrary text. Whatever the
//! input, compiling and running it on the virtual clock never panics, ends within a small step
//! and turn budget, and an error is located (a syntax error has a line inside the source).
//!
//! Cases come from `PROPTEST_CASES` (default 1,500 per test: the test command's short run); the
//! long run: `PROPTEST_CASES=50000 cargo test --release --test python_fuzz`.
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;

use async_playground::python::{run_program_virtual_limited, Program};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

const TOKENS: &[&str] = &[
    "await ",
    "async ",
    "def ",
    "yield ",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ":",
    "\n",
    "    ",
    "\t",
    "\"",
    "'",
    "f\"{",
    "}\"",
    "=",
    "==",
    "*",
    "**",
    ",",
    ".",
    "lambda x: x",
    "while True:\n    pass\n",
    "return ",
    "raise ",
    "try:",
    "except:",
    "finally:",
    "class C:",
    "import asyncio\n",
    "asyncio.sleep(0)",
    "1e308",
    "10**100",
    "-",
    "//",
    "%",
    "\\",
    "#",
    "not ",
    "is ",
    "in ",
    "del ",
    "global x\n",
    "nonlocal x\n",
    "async for x in y:",
    "async with y:",
];

fn corpus() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut files: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.retain(|p| p.extension().is_some_and(|e| e == "py"));
    files.sort();
    files.iter().map(|p| std::fs::read_to_string(p).unwrap()).collect()
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(1_500)
}

/// Compiles and runs `source` with small budgets; panics (failing the case) only on our bugs.
fn check(source: &str) {
    match Program::compile(source) {
        Ok(program) => {
            let run = run_program_virtual_limited(&program, 0, 20_000, 20_000);
            if let Some(error) = &run.error {
                assert!(!error.message.is_empty(), "an error says what happened");
            }
        }
        Err(e) => {
            let lines = source.split('\n').count() as u32 + 1;
            assert!(e.pos.line >= 1 && e.pos.line <= lines, "{e:?} is outside the source ({lines} lines)");
            assert!(!e.message.is_empty());
        }
    }
}

#[derive(Debug, Clone)]
enum Edit {
    Delete(usize, usize),
    Insert(usize, usize),
    Swap(usize, usize),
}

#[test]
fn mutated_corpus_programs_never_panic_and_always_end() {
    let programs = corpus();
    let edit = prop_oneof![
        (any::<usize>(), 1..8usize).prop_map(|(a, n)| Edit::Delete(a, n)),
        (any::<usize>(), 0..TOKENS.len()).prop_map(|(a, t)| Edit::Insert(a, t)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Edit::Swap(a, b)),
    ];
    let strategy = (0..programs.len(), prop::collection::vec(edit, 1..6));
    let mut runner = TestRunner::new(Config { cases: cases(), failure_persistence: None, ..Config::default() });
    runner
        .run(&strategy, |(which, edits)| {
            let mut bytes: Vec<char> = programs[which].chars().collect();
            for e in edits {
                let len = bytes.len().max(1);
                match e {
                    Edit::Delete(at, n) => {
                        let at = at % len;
                        let end = (at + n).min(bytes.len());
                        bytes.drain(at.min(bytes.len())..end);
                    }
                    Edit::Insert(at, t) => {
                        let at = at % (bytes.len() + 1);
                        for (i, c) in TOKENS[t].chars().enumerate() {
                            bytes.insert(at + i, c);
                        }
                    }
                    Edit::Swap(a, b) => {
                        if !bytes.is_empty() {
                            let (a, b) = (a % bytes.len(), b % bytes.len());
                            bytes.swap(a, b);
                        }
                    }
                }
            }
            let source: String = bytes.into_iter().collect();
            check(&source);
            Ok(())
        })
        .unwrap();
}

#[test]
fn arbitrary_text_never_panics() {
    let mut runner = TestRunner::new(Config { cases: cases(), failure_persistence: None, ..Config::default() });
    runner
        .run(&"(?s).{0,200}", |source| {
            check(&source);
            Ok(())
        })
        .unwrap();
}

#[test]
fn deep_nesting_and_recursion_are_errors_not_crashes() {
    check(&format!("x = {}1{}\n", "(".repeat(5000), ")".repeat(5000)));
    check(&format!("x = {}\n", "-".repeat(5000) + "1"));
    check("def f(n):\n    return f(n + 1)\nf(0)\n");
    check("async def f(n):\n    return await f(n + 1)\nawait f(0)\n");
    let program = Program::compile("def f(n):\n    return f(n + 1)\nf(0)\n").unwrap();
    let run = async_playground::python::run_program_virtual(&program, 0);
    assert_eq!(run.error.map(|e| e.message), Some("RecursionError: maximum recursion depth exceeded".to_string()));
}
