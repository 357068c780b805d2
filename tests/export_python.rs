//! The exported `.py` (src/report/python_file.rs) run as a learner would run it: `python3 file.py`,
//! the file unmodified, no harness. Each section that needs no network is exported with its
//! delays scaled down (so the whole test takes seconds) and must print the lines the virtual clock
//! prints for those same values: exactly, except `0x…` addresses and the measured seconds in
//! `Time: X.XXs` / `at X.XXs`, which must agree within `TOLERANCE`. 44.3 needs aiohttp and the
//! network: it is only compiled (`python3 -m py_compile`). Without python3 the test says so and
//! passes.
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

use async_playground::report::python_file::{file_stem, python_file};
use async_playground::scenarios::{Scenario, ScenarioId};

/// Real seconds per second of the section's defaults on the first run, and on the retry of a case
/// whose times missed (a loaded machine: timers firing late by a few ms).
const SCALE: f64 = 0.1;
const RETRY_SCALE: f64 = 0.5;
/// How far a measured time may be from the virtual clock's, in real seconds.
const TOLERANCE: f64 = 0.03;
const LINK: &str = "http://localhost:8080/#/example";

fn python_available() -> bool {
    Command::new("python3").arg("--version").output().map(|o| o.status.success()).unwrap_or(false)
}

/// Every section in every mode; 44.3 apart.
fn cases(with_network: bool) -> Vec<Scenario> {
    let mut all = Vec::new();
    for id in ScenarioId::ALL {
        if (id == ScenarioId::FetchUrls) != with_network {
            continue;
        }
        // The gallery's programs are run by CPython on a virtual clock (the differential corpus);
        // here time is real, scaled down, and their deliberate ties (two waits ending together)
        // may come out in either order.
        if matches!(id, ScenarioId::Gallery(_)) {
            continue;
        }
        let modes: Vec<&str> = if id.modes().is_empty() { vec![""] } else { id.modes().to_vec() };
        for mode in modes {
            let mut scenario = Scenario::new(id);
            if !mode.is_empty() {
                scenario.set_mode(mode).unwrap();
            }
            all.push(scenario);
        }
    }
    all
}

/// The scenario with every duration (unit "s") times `scale`, rounded to the millisecond.
fn scaled(scenario: &Scenario, scale: f64) -> Scenario {
    let mut scaled = scenario.clone();
    for spec in scenario.id.params().iter().filter(|p| p.unit == "s") {
        let value = (scenario.get(spec.name) * scale * 1000.0).round() / 1000.0;
        scaled.set(spec.name, spec.clamp(value)).unwrap();
    }
    scaled
}

fn scratch_dir(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("export-python-{}-{test}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write_file(dir: &Path, scenario: &Scenario, tag: &str) -> PathBuf {
    let path = dir.join(format!("{}{tag}.py", file_stem(scenario)));
    std::fs::write(&path, python_file(scenario, LINK)).unwrap();
    path
}

/// A line with its addresses hidden and its measured seconds taken out.
fn normalise(line: &str) -> (String, Vec<f64>) {
    let mut text = String::new();
    let mut numbers = Vec::new();
    let mut rest = line;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("0x") {
            let hex = after.chars().take_while(|c| c.is_ascii_hexdigit()).count();
            if hex > 0 {
                text.push_str("0x…");
                rest = &after[hex..];
                continue;
            }
        }
        for prefix in ["Time: ", "at "] {
            if let Some(after) = rest.strip_prefix(prefix) {
                let digits = after.chars().take_while(|c| c.is_ascii_digit() || *c == '.').count();
                if digits > 0 && after[digits..].starts_with('s') {
                    if let Ok(value) = after[..digits].parse::<f64>() {
                        text.push_str(prefix);
                        text.push_str("⟨secs⟩");
                        numbers.push(value);
                        rest = &after[digits..];
                        break;
                    }
                }
            }
        }
        let ch = rest.chars().next().unwrap();
        text.push(ch);
        rest = &rest[ch.len_utf8()..];
    }
    (text, numbers)
}

/// Runs the exported file; None if it printed what the virtual clock printed, else why not.
fn check(scenario: &Scenario, dir: &Path, tag: &str) -> Option<String> {
    let expected = scenario.run_virtual().lines();
    let path = write_file(dir, scenario, tag);
    let output = Command::new("python3").arg(&path).output().expect("python3 runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    if !output.status.success() {
        return Some(format!("python3 {} failed ({}):\n{stderr}", path.display(), output.status));
    }
    let text = stdout.strip_suffix('\n').unwrap_or(&stdout);
    let printed: Vec<&str> = if stdout.is_empty() { Vec::new() } else { text.split('\n').collect() };
    let why = if printed.len() != expected.len() {
        Some(format!("{} lines, the virtual clock printed {}", printed.len(), expected.len()))
    } else {
        printed.iter().zip(&expected).find_map(|(got, want)| {
            let ((got_text, got_secs), (want_text, want_secs)) = (normalise(got), normalise(want));
            let close = got_secs.iter().zip(&want_secs).all(|(a, b)| (a - b).abs() <= TOLERANCE);
            (got_text != want_text || !close).then(|| format!("{got:?} where the virtual clock printed {want:?}"))
        })
    };
    why.map(|why| {
        format!(
            "{}: {why}\n  python3 printed:\n    {}\n  virtual clock:\n    {}\n  stderr: {stderr}",
            path.display(),
            printed.join("\n    "),
            expected.join("\n    ")
        )
    })
}

#[test]
fn the_exported_file_prints_what_the_playground_printed() {
    if !python_available() {
        eprintln!("python3 not found: the exported .py files were not run (install python3 to check them)");
        return;
    }
    let dir = scratch_dir("run");
    let cases = cases(false);
    let failures = Mutex::new(Vec::new());
    // A few at once: the cases mostly sleep; the CPU-bound one busy-loops for 0.1 s.
    std::thread::scope(|scope| {
        for chunk in cases.chunks(cases.len().div_ceil(3)) {
            let (dir, failures) = (&dir, &failures);
            scope.spawn(move || {
                for scenario in chunk {
                    let first = check(&scaled(scenario, SCALE), dir, "");
                    let Some(first) = first else { continue };
                    eprintln!("differs at scale {SCALE}, retrying at {RETRY_SCALE}:\n{first}");
                    if let Some(again) = check(&scaled(scenario, RETRY_SCALE), dir, "-retry") {
                        failures.lock().unwrap().push(again);
                    }
                }
            });
        }
    });
    let failures = failures.into_inner().unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(failures.is_empty(), "{} exported files differ:\n\n{}", failures.len(), failures.join("\n\n"));
}

#[test]
fn the_fetch_section_compiles_and_says_what_it_needs() {
    let dir = scratch_dir("compile");
    let mut checked = Vec::new();
    for scenario in cases(true) {
        for urls in [None, Some(vec!["sample-api/users/python?delay=0.3&body=0.1".to_string()])] {
            let mut scenario = scenario.clone();
            if let Some(urls) = urls.clone() {
                scenario.urls = urls;
            }
            let text = python_file(&scenario, LINK);
            assert!(text.contains("pip install aiohttp"), "{text}");
            assert_eq!(text.contains("Python cannot reach them"), urls.is_some(), "{text}");
            let tag = if urls.is_some() { "-sample" } else { "" };
            checked.push(write_file(&dir, &scenario, tag));
        }
    }
    if !python_available() {
        eprintln!("python3 not found: the exported 44.3 files were not compiled");
        return;
    }
    for path in checked {
        let output = Command::new("python3").args(["-m", "py_compile"]).arg(&path).output().unwrap();
        assert!(output.status.success(), "{}: {}", path.display(), String::from_utf8_lossy(&output.stderr));
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_header_names_the_section_and_the_link() {
    let scenario = Scenario::new(ScenarioId::SayHello);
    let text = python_file(&scenario, LINK);
    assert!(text.starts_with("# async playground — 44.2 Basic example (concurrent)\n"), "{text}");
    assert!(text.contains(&format!("# The same run on the page: {LINK}\n")));
    assert!(text.contains("python3 async-playground-44.2-say-hello.py"));
    assert!(text.contains("\nasyncio.run(main())\n"), "{text}");
    assert!(!text.lines().any(|l| l.starts_with("await ")), "no top-level await left: {text}");
    assert_eq!(file_stem(&Scenario::new(ScenarioId::Stress)), "async-playground-beyond-many-tasks");
    assert_eq!(file_stem(&Scenario::new(ScenarioId::Coroutine)), "async-playground-44.1.1-coroutine");
}

#[test]
fn normalise_hides_addresses_and_keeps_measured_seconds() {
    assert_eq!(normalise("<coroutine object f at 0x7f3a2b1c>"), ("<coroutine object f at 0x…>".into(), vec![]));
    assert_eq!(normalise("Time: 2.01s"), ("Time: ⟨secs⟩s".into(), vec![2.01]));
    assert_eq!(
        normalise("io1 woke up at 0.10s (asked for 0.03s)"),
        ("io1 woke up at ⟨secs⟩s (asked for 0.03s)".into(), vec![0.1])
    );
}
