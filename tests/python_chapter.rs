//! The chapter's Python, interpreted: every section's code as the page shows it (every mode, and
//! edited values) run by the interpreter on the virtual clock gives the same run as the section's
//! Rust transcription (`scenarios/chapter.rs`, which the page still runs): the same printed lines,
//! the same lanes and call sub-rows with the same names and endings, the same total (to the few
//! microseconds the interpreter's clock reads cost, as they cost in CPython's virtual-clock runs).

use std::rc::Rc;

use async_playground::engine::{Aio, Timeline, VirtualClock};
use async_playground::python::{start, Program};
use async_playground::scenarios::{printed_lines, Scenario, ScenarioId};

/// The interpreter's run of the scenario's Python text, on a clock whose network answers as the
/// scenario's simulated one.
fn interpreted(scenario: &Scenario) -> (Vec<String>, Timeline, Option<u64>, Option<String>, Vec<String>) {
    let program = Program::compile(&scenario.python_text()).expect("the chapter's code compiles");
    let me = scenario.clone();
    let clock = VirtualClock::new(Rc::new(move |url: &str| me.simulated_reply(url)));
    let aio = Aio::new(Rc::new(clock.clone()));
    let started = start(&program, &aio, 0);
    clock.run(3_600_000_000, 10_000_000);
    let events = aio.take_events();
    let total = events.iter().find(|e| e.task == started.task.id() && e.kind.is_final()).map(|e| e.at);
    let error = started.report.borrow().error.as_ref().map(|e| e.message.clone());
    (printed_lines(&events), Timeline::from_events(&events, None), total, error, table(&events))
}

/// The event table's texts (who did what), without the times (those differ by the µs of clock
/// reads).
fn table(events: &[async_playground::engine::Event]) -> Vec<String> {
    let names = async_playground::report::event_table::task_names(events);
    events.iter().map(|e| async_playground::report::event_table::describe(e, &names)).collect()
}

/// Lane names with how each ended, then call sub-rows with how each ended.
fn shape(timeline: &Timeline) -> Vec<String> {
    let mut out = Vec::new();
    for lane in &timeline.lanes {
        out.push(format!("{} {:?}", lane.name, lane.outcome().map(|s| s.kind.name())));
        for call in &lane.calls {
            out.push(format!("  ↳ {} {}", call.name, call.error.as_deref().unwrap_or("returned")));
        }
    }
    out
}

fn check(scenario: &Scenario) {
    let rust = scenario.run_virtual();
    let (lines, timeline, total, error, rows) = interpreted(scenario);
    let what = format!("{:?} {} {:?}", scenario.id, scenario.mode, scenario.values);
    let rust_error = match &rust.result {
        Some(Err(e)) => Some(e.to_string()),
        _ => None,
    };
    assert_eq!(error, rust_error, "{what}: how the run ended");
    assert_eq!(lines, rust.lines(), "{what}: printed lines");
    assert_eq!(shape(&timeline), shape(&rust.timeline()), "{what}: lanes and calls");
    let mut theirs = table(&rust.events);
    if scenario.id == ScenarioId::Stress {
        // The transcription writes a whole delay as `1`; Python's `i * spread / (n - 1)` is the
        // float `1.0`, as the interpreter (and CPython) write it.
        for row in theirs.iter_mut() {
            if let Some(args) = row.strip_prefix("created by main: worker(").and_then(|r| r.strip_suffix(')')) {
                if let Some((i, delay)) = args.split_once(", ").filter(|(_, d)| !d.contains(['.', 'e'])) {
                    *row = format!("created by main: worker({i}, {delay}.0)");
                }
            }
        }
    }
    let first_difference = rows.iter().zip(&theirs).position(|(a, b)| a != b);
    assert_eq!(
        (first_difference.map(|i| (&rows[i], &theirs[i])), rows.len()),
        (None, theirs.len()),
        "{what}: the event table's rows"
    );
    let (ours, theirs) = (total.expect("the interpreted run ends"), rust.total.expect("the run ends"));
    assert!(ours >= theirs && ours - theirs <= 10, "{what}: total {ours} µs vs {theirs} µs");
}

#[test]
fn every_section_in_every_mode_runs_the_same_interpreted() {
    for id in ScenarioId::ALL {
        let modes: Vec<&str> = if id.modes().is_empty() { vec![""] } else { id.modes().to_vec() };
        for mode in modes {
            let mut scenario = Scenario::new(id);
            if !mode.is_empty() {
                scenario.set_mode(mode).unwrap();
            }
            check(&scenario);
        }
    }
}

/// A section, a mode and the values edited.
type Edit = (ScenarioId, &'static str, &'static [(&'static str, f64)]);

#[test]
fn edited_values_run_the_same_interpreted() {
    let edits: &[Edit] = &[
        (ScenarioId::SayHello, "concurrent", &[("alice", 1.0), ("bob", 1.0)]),
        (ScenarioId::SayHello, "concurrent", &[("alice", 0.0), ("bob", 0.0), ("charlie", 0.0)]),
        (ScenarioId::SayHello, "sequential", &[("alice", 0.25), ("charlie", 4.5)]),
        (ScenarioId::Gather, "", &[("a", 3.0), ("b", 0.5)]),
        (ScenarioId::Background, "", &[("period", 3.0), ("main", 7.5)]),
        (ScenarioId::Background, "", &[("period", 5.0), ("main", 0.0)]),
        (ScenarioId::ContextManager, "", &[("acquire", 0.0), ("release", 2.0)]),
        (ScenarioId::CpuVsIo, "blocking", &[("work", 0.5), ("io1", 1.0)]),
        (ScenarioId::CpuVsIo, "worker", &[("work", 2.0), ("io2", 0.1)]),
        (ScenarioId::Stress, "", &[("n", 7.0), ("spread", 1.0)]),
        (ScenarioId::FetchUrls, "concurrent", &[("latency", 1.0), ("timeout", 0.5)]),
    ];
    for (id, mode, values) in edits {
        let mut scenario = Scenario::new(*id);
        if !mode.is_empty() {
            scenario.set_mode(mode).unwrap();
        }
        for (name, value) in values.iter() {
            scenario.set(name, *value).unwrap();
        }
        check(&scenario);
    }
}
