//! The differential corpus: every program in `tests/corpus/` and in `gallery/` (the page's gallery,
//! `scenarios::gallery`) is run by CPython on a virtual clock (`tests/cpython_vclock.py`) and by our
//! interpreter on the virtual clock, and both must print the same lines, in the same order, at the
//! same times (±1 ms), end with the same exception line, and warn the same way (a coroutine never
//! awaited, a task exception never retrieved).
//!
//! Programs the interpreter does not match yet are listed in `tests/corpus/KNOWN_GAPS.txt` with the
//! reason; the test fails if a listed program starts matching (so the list only shrinks) and, of
//! course, if any other program differs.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use async_playground::python::{run_virtual, VirtualProgramRun};

/// One printed line and when (ms).
type Line = (f64, String);

struct Expected {
    lines: Vec<Line>,
    error: Option<String>,
    error_line: Option<u64>,
    warnings: Vec<String>,
}

/// Splits a stream of `print` records into lines, each stamped with the time of the print that
/// ended it (what the page's console shows).
fn lines_of(prints: &[(f64, String)]) -> Vec<Line> {
    let mut out = Vec::new();
    let mut pending = String::new();
    for (t, text) in prints {
        pending.push_str(text);
        while let Some(i) = pending.find('\n') {
            out.push((*t, pending[..i].to_string()));
            pending.drain(..=i);
        }
    }
    if !pending.is_empty() {
        out.push((prints.last().map_or(0.0, |p| p.0), pending));
    }
    out
}

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

fn python_files_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "py"))
        .collect();
    files.sort();
    files
}

/// The corpus's programs, then the gallery's.
fn corpus_files() -> Vec<PathBuf> {
    let mut files = python_files_in(&corpus_dir());
    files.extend(python_files_in(&Path::new(env!("CARGO_MANIFEST_DIR")).join("gallery")));
    files
}

/// How a program is named in messages and in KNOWN_GAPS.txt: a corpus program by its file name, a
/// gallery program as `gallery/<file>`.
fn name_of(file: &Path) -> String {
    let name = file.file_name().expect("name").to_string_lossy().to_string();
    match file.parent().and_then(Path::file_name) {
        Some(dir) if dir == "gallery" => format!("gallery/{name}"),
        _ => name,
    }
}

fn cpython(files: &[PathBuf]) -> BTreeMap<String, Expected> {
    let harness = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cpython_vclock.py");
    let output = Command::new("python3").arg(harness).args(files).output().expect("python3 runs");
    assert!(output.status.success(), "harness failed: {}", String::from_utf8_lossy(&output.stderr));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("harness JSON");
    let mut out = BTreeMap::new();
    for program in json.as_array().expect("a list") {
        let name = name_of(Path::new(program["file"].as_str().expect("file")));
        let prints: Vec<(f64, String)> = program["prints"]
            .as_array()
            .expect("prints")
            .iter()
            .map(|p| {
                let text = format!("{}{}", p[1].as_str().unwrap_or(""), p[2].as_str().unwrap_or("\n"));
                (p[0].as_f64().unwrap_or(0.0), text)
            })
            .collect();
        let expected = Expected {
            lines: lines_of(&prints),
            error: program["error"].as_str().map(str::to_string),
            error_line: program["error_line"].as_u64(),
            warnings: program["warnings"]
                .as_array()
                .expect("warnings")
                .iter()
                .map(|w| w.as_str().unwrap_or("").to_string())
                .collect(),
        };
        out.insert(name, expected);
    }
    out
}

/// What our interpreter does with the program, as comparable lines.
fn ours(source: &str) -> (Vec<Line>, Option<String>, Option<u64>, Vec<String>) {
    let run = std::panic::catch_unwind(|| run_virtual(source));
    let run: Result<VirtualProgramRun, _> = match run {
        Ok(Ok(run)) => Ok(run),
        Ok(Err(syntax)) => Err(syntax),
        Err(_) => return (vec![], Some("PANIC".into()), None, vec![]),
    };
    match run {
        Err(e) => (vec![], Some(format!("{}: {}", e.kind, e.message)), Some(e.pos.line as u64), vec![]),
        Ok(run) => {
            let lines = run.lines().into_iter().map(|(t, text)| (t as f64 / 1000.0, text)).collect();
            let error = run.error.as_ref().map(|e| e.message.clone()).or(run.stopped.clone());
            (lines, error, run.error.as_ref().map(|e| e.line as u64), run.warnings)
        }
    }
}

fn compare(expected: &Expected, source: &str) -> Result<(), String> {
    let (lines, error, _line, warnings) = ours(source);
    let mut problems = Vec::new();
    for (i, pair) in expected.lines.iter().zip(&lines).enumerate() {
        let ((te, le), (to, lo)) = pair;
        if le != lo {
            problems.push(format!("line {}: CPython printed {le:?}, we printed {lo:?}", i + 1));
            break;
        }
        if (te - to).abs() > 1.0 {
            problems.push(format!("line {} ({le:?}): CPython at {te} ms, we at {to} ms", i + 1));
            break;
        }
    }
    if problems.is_empty() && expected.lines.len() != lines.len() {
        problems.push(format!(
            "CPython printed {} lines, we printed {}: {:?}",
            expected.lines.len(),
            lines.len(),
            if lines.len() > expected.lines.len() {
                &lines[expected.lines.len()..]
            } else {
                &expected.lines[lines.len()..]
            }
        ));
    }
    if expected.error != error {
        problems.push(format!("CPython ended with {:?}, we with {:?}", expected.error, error));
    }
    if expected.warnings != warnings {
        problems.push(format!("CPython warned {:?}, we warned {:?}", expected.warnings, warnings));
    }
    let _ = expected.error_line;
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("; "))
    }
}

fn known_gaps() -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(corpus_dir().join("KNOWN_GAPS.txt")).unwrap_or_default();
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (name, why) = l.split_once(' ').unwrap_or((l, ""));
            (name.trim().to_string(), why.trim().to_string())
        })
        .collect()
}

#[test]
fn every_corpus_program_matches_cpython_on_the_virtual_clock() {
    let files = corpus_files();
    assert!(files.len() >= 200, "the corpus has {} programs; it must keep at least 200", files.len());
    let expected = cpython(&files);
    let gaps = known_gaps();
    let mut failures = Vec::new();
    let mut fixed = Vec::new();
    let mut matched = 0;
    for file in &files {
        let name = name_of(file);
        let source = std::fs::read_to_string(file).expect("source");
        let exp = expected.get(&name).unwrap_or_else(|| panic!("CPython gave nothing for {name}"));
        match (compare(exp, &source), gaps.contains_key(&name)) {
            (Ok(()), false) => matched += 1,
            (Ok(()), true) => fixed.push(name),
            (Err(why), false) => failures.push(format!("{name}: {why}")),
            (Err(_), true) => {}
        }
    }
    println!("{matched} of {} corpus programs match CPython; {} known gaps", files.len(), gaps.len());
    assert!(fixed.is_empty(), "these now match CPython: remove them from KNOWN_GAPS.txt: {fixed:?}");
    assert!(failures.is_empty(), "{} programs differ from CPython:\n{}", failures.len(), failures.join("\n"));
}
