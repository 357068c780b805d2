//! The gallery (`scenarios::gallery::GALLERY`): each entry shows its file `gallery/<name>.py` as it
//! is, under a unique slug, with an intro, and runs on the virtual clock to its end without an error.
//! What each prints, and when, is checked against CPython by tests/python_differential.rs.

use std::collections::BTreeSet;
use std::path::Path;

use async_playground::python::{run_virtual, Program};
use async_playground::scenarios::gallery::GALLERY;

fn file(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("gallery").join(format!("{name}.py"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn every_entry_is_its_file_under_a_unique_slug_with_an_intro() {
    assert!(GALLERY.len() >= 12, "the gallery has {} programs", GALLERY.len());
    let mut names = BTreeSet::new();
    for program in &GALLERY {
        let name = program.name;
        assert!(
            !name.is_empty() && name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
            "{name:?} is not a slug [a-z0-9-]+"
        );
        assert!(!name.starts_with('-') && !name.ends_with('-'), "{name:?}");
        assert!(names.insert(name), "{name} appears twice");
        assert!(!program.title.trim().is_empty(), "{name}: no title");
        assert!(!program.intro.trim().is_empty(), "{name}: no intro");
        assert!(!program.intro.contains('\n'), "{name}: the intro is one paragraph");
        assert_eq!(program.code, file(name), "{name}: the code is not gallery/{name}.py");
    }
    // And every file is in the gallery.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("gallery");
    for entry in std::fs::read_dir(dir).expect("gallery/") {
        let path = entry.expect("entry").path();
        let stem = path.file_stem().expect("name").to_string_lossy().to_string();
        assert!(names.contains(stem.as_str()), "{} is not in GALLERY", path.display());
    }
}

#[test]
fn every_program_compiles_and_runs_to_its_end_on_the_virtual_clock() {
    for program in &GALLERY {
        let name = program.name;
        if let Err(e) = Program::compile(program.code) {
            panic!("{name}: {}: {} (line {})", e.kind, e.message, e.pos.line);
        }
        let run = run_virtual(program.code).expect("compiles");
        assert_eq!(run.stopped, None, "{name} did not end");
        assert!(run.error.is_none(), "{name} ended with {:?}", run.error.map(|e| e.traceback));
        let lines = run.lines();
        assert!(lines.len() >= 2, "{name} printed {} lines", lines.len());
        // Every line shows its time, as `log()` prints it.
        for (_, line) in &lines {
            assert!(line.split_once("s  ").is_some_and(|(t, _)| t.parse::<f64>().is_ok()), "{name}: {line:?}");
        }
        let forgot = name == "forgot-await";
        assert_eq!(!run.warnings.is_empty(), forgot, "{name} warned {:?}", run.warnings);
    }
}

#[test]
fn forgetting_await_warns_that_the_coroutine_was_never_awaited() {
    let program = GALLERY.iter().find(|p| p.name == "forgot-await").expect("forgot-await");
    let run = run_virtual(program.code).expect("compiles");
    assert_eq!(run.warnings, ["RuntimeWarning: coroutine 'save' was never awaited"]);
    let lines: Vec<String> = run.lines().into_iter().map(|(_, line)| line).collect();
    assert!(!lines.iter().any(|l| l.contains("saved first")), "{lines:?}");
    assert!(lines.iter().any(|l| l.contains("saved second")), "{lines:?}");
}

#[test]
fn each_section_id_is_gallery_and_the_name() {
    for program in async_playground::scenarios::gallery::GALLERY {
        assert_eq!(program.id, format!("gallery-{}", program.name));
    }
}
