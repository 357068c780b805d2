//! The Chrome Trace Event export (src/report/chrome_trace.rs), read back with serde_json: it parses
//! for every section and mode, has exactly one named track per task, its slices cover each lane
//! from creation to end without gaps or overlaps, and any text (prints, names, links) survives
//! the hand-written escaping.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;

use async_playground::engine::{Event, EventKind, SegmentKind, Timeline};
use async_playground::report::chrome_trace::{chrome_trace, json_string, process_name, slice_name, tid};
use async_playground::scenarios::{Scenario, ScenarioId};
use serde_json::Value;

/// Every section in every mode, at its defaults.
fn scenarios() -> Vec<Scenario> {
    let mut all = Vec::new();
    for id in ScenarioId::ALL {
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

fn parse(json: &str) -> Value {
    serde_json::from_str(json).unwrap_or_else(|e| panic!("not JSON: {e}\n{json}"))
}

fn events(trace: &Value) -> &Vec<Value> {
    trace["traceEvents"].as_array().expect("traceEvents is an array")
}

fn of_phase<'a>(trace: &'a Value, ph: &str) -> Vec<&'a Value> {
    events(trace).iter().filter(|e| e["ph"] == ph).collect()
}

#[test]
fn every_section_exports_a_trace_with_one_track_per_task() {
    for scenario in scenarios() {
        let run = scenario.run_virtual();
        let timeline = run.timeline();
        let what = format!("{} {}", scenario.id.id(), scenario.mode);
        let trace = parse(&chrome_trace(&timeline, &run.events, &process_name(&scenario), "https://example.test/#/x"));
        assert_eq!(trace["displayTimeUnit"], "ms", "{what}");

        let metadata = of_phase(&trace, "M");
        let process: Vec<_> = metadata.iter().filter(|e| e["name"] == "process_name").collect();
        assert_eq!(process.len(), 1, "{what}: one process_name");
        let name = process[0]["args"]["name"].as_str().unwrap();
        assert!(name.starts_with("async playground — ") && name.contains(scenario.id.section()), "{what}: {name}");

        // Exactly one thread_name per task, on tid = task + 1, named after the lane.
        let mut names: BTreeMap<u64, Vec<String>> = BTreeMap::new();
        for event in metadata.iter().filter(|e| e["name"] == "thread_name") {
            assert_eq!(event["pid"], 1);
            let tid = event["tid"].as_u64().unwrap();
            names.entry(tid).or_default().push(event["args"]["name"].as_str().unwrap().to_string());
        }
        assert_eq!(names.len(), timeline.lanes.len(), "{what}: one track per task");
        for lane in &timeline.lanes {
            let named = &names[&(tid(lane.task) as u64)];
            assert_eq!(named.len(), 1, "{what}: {} named once", lane.name);
            assert!(named[0].starts_with(&lane.name), "{what}: track {:?} for lane {}", named[0], lane.name);
        }
        let sorted = metadata.iter().filter(|e| e["name"] == "thread_sort_index").count();
        assert_eq!(sorted, timeline.lanes.len(), "{what}: a sort index per track");

        // The complete events of each track cover its lane: from its creation, back to back, to
        // its end (or the end of the drawing, for a task still pending when the run ended).
        let complete = of_phase(&trace, "X");
        for lane in &timeline.lanes {
            let mut slices: Vec<(u64, u64, String)> = complete
                .iter()
                .filter(|e| e["tid"] == tid(lane.task) as u64)
                .map(|e| {
                    let (ts, dur) = (e["ts"].as_u64().unwrap(), e["dur"].as_u64().unwrap());
                    (ts, ts + dur, e["cat"].as_str().unwrap().to_string())
                })
                .collect();
            slices.sort();
            let end = lane.ended.unwrap_or(timeline.end);
            if end == lane.created {
                continue; // a task that began and ended at one instant has no lasting state
            }
            assert_eq!(slices.first().map(|s| s.0), Some(lane.created), "{what}: {} starts at creation", lane.name);
            assert_eq!(slices.last().map(|s| s.1), Some(end), "{what}: {} covered to its end", lane.name);
            for pair in slices.windows(2) {
                assert_eq!(pair[0].1, pair[1].0, "{what}: {} has a gap or overlap: {pair:?}", lane.name);
            }
            for (_, _, cat) in &slices {
                assert!(["ready", "running", "waiting", "late", "cpu"].contains(&cat.as_str()), "{what}: cat {cat}");
            }
        }

        // Every print is an instant on its task's track, with its exact text; every ended task has
        // one end instant.
        let instants = of_phase(&trace, "i");
        let printed: Vec<&str> = instants
            .iter()
            .filter(|e| e["cat"] == "print")
            .map(|e| {
                assert_eq!(e["s"], "t");
                e["args"]["text"].as_str().unwrap()
            })
            .collect();
        let expected: usize = timeline.lanes.iter().map(|l| l.prints.len()).sum();
        assert_eq!(printed.len(), expected, "{what}: one instant per print");
        for lane in timeline.lanes.iter().filter(|l| l.ended.is_some()) {
            let ends: Vec<_> = instants
                .iter()
                .filter(|e| e["tid"] == tid(lane.task) as u64 && e["cat"] != "print" && e["cat"] != "warning")
                .map(|e| e["name"].as_str().unwrap().to_string())
                .collect();
            assert_eq!(ends.len(), 1, "{what}: {} has one end: {ends:?}", lane.name);
            assert!(
                ends[0] == "done" || ends[0] == "cancelled" || ends[0].starts_with("failed: "),
                "{what}: {}",
                ends[0]
            );
        }
    }
}

#[test]
fn cancellation_and_names_read_as_the_page_says_them() {
    let scenario = Scenario::new(ScenarioId::Background);
    let run = scenario.run_virtual();
    let timeline = run.timeline();
    let trace = parse(&chrome_trace(&timeline, &run.events, &process_name(&scenario), ""));
    let names: Vec<&str> = events(&trace).iter().filter_map(|e| e["name"].as_str()).collect();
    assert!(names.contains(&"waiting: sleep(5)"), "{names:?}");
    assert!(names.contains(&"cancelled"), "{names:?}");
    let cancelled = events(&trace).iter().find(|e| e["name"] == "cancelled").unwrap();
    assert_eq!(cancelled["args"]["at"], "sleep(5)");
    assert_eq!(slice_name(&SegmentKind::Late { on: "sleep(1)".into() }), "late: sleep(1)");
    assert_eq!(slice_name(&SegmentKind::Cpu { call: "cpu_work(1)".into() }), "cpu: cpu_work(1)");
    assert_eq!(slice_name(&SegmentKind::Failed { error: "ValueError: x".into() }), "failed: ValueError: x");
}

#[test]
fn calls_awaited_directly_are_balanced_async_slices() {
    let mut scenario = Scenario::new(ScenarioId::FetchUrls);
    scenario.set_mode("sequential").unwrap();
    let run = scenario.run_virtual();
    let timeline = run.timeline();
    let trace = parse(&chrome_trace(&timeline, &run.events, &process_name(&scenario), ""));
    let begins = of_phase(&trace, "b");
    let ends = of_phase(&trace, "e");
    assert_eq!(begins.len(), 3, "one per URL");
    assert_eq!(ends.len(), 3);
    for (b, e) in begins.iter().zip(&ends) {
        assert_eq!(b["id"], e["id"]);
        assert!(b["ts"].as_u64() <= e["ts"].as_u64());
        assert!(b["args"]["call"].as_str().unwrap().starts_with("fetch_url("));
    }
}

/// A timeline made from a log with awkward text everywhere the trace carries text.
#[test]
fn any_text_survives_the_escaping() {
    let nasty = [
        "quote \" backslash \\ slash /",
        "new\nline, carriage\rreturn, tab\t",
        "controls \u{0}\u{1}\u{8}\u{c}\u{1b}\u{1f} and DEL \u{7f}",
        "unicode é ✓ 🐍 \u{2028}\u{2029} 日本語",
        "</script><svg onload=alert(1)>",
    ];
    let mut log = vec![Event {
        at: 0,
        task: 0,
        kind: EventKind::Created { name: nasty[0].into(), coro: nasty[3].into(), parent: None },
    }];
    log.push(Event { at: 0, task: 0, kind: EventKind::Started });
    for (i, text) in nasty.iter().enumerate() {
        log.push(Event { at: i as u64 * 10, task: 0, kind: EventKind::Printed { text: text.to_string() } });
    }
    log.push(Event {
        at: 60,
        task: 0,
        kind: EventKind::Suspended {
            on: nasty[1].into(),
            due: Some(100),
            awaits: vec![],
            resource: None,
            stack: vec![],
        },
    });
    log.push(Event { at: 100, task: 0, kind: EventKind::Resumed });
    log.push(Event { at: 120, task: 0, kind: EventKind::Failed { error: nasty[2].into() } });
    let timeline = Timeline::from_events(&log, None);
    let trace = parse(&chrome_trace(&timeline, &log, nasty[4], nasty[1]));

    let texts: Vec<&str> = events(&trace).iter().filter_map(|e| e["args"]["text"].as_str()).collect();
    assert_eq!(texts, nasty);
    let thread = events(&trace).iter().find(|e| e["name"] == "thread_name").unwrap();
    assert_eq!(thread["args"]["name"], format!("{} — {}", nasty[0], nasty[3]));
    assert!(events(&trace).iter().any(|e| e["name"] == format!("waiting: {}", nasty[1])));
    assert!(events(&trace).iter().any(|e| e["args"]["error"] == nasty[2]));
    assert_eq!(trace["otherData"]["run"], nasty[4]);
    assert_eq!(trace["otherData"]["link"], nasty[1]);

    // Each string on its own, against serde_json's own reading.
    for text in nasty {
        let literal = json_string(text);
        assert_eq!(serde_json::from_str::<String>(&literal).unwrap(), text);
        assert!(!literal.chars().any(|c| (c as u32) < 0x20), "no raw control character in {literal:?}");
    }
    for code in 0u32..0x80 {
        let text = char::from_u32(code).unwrap().to_string();
        assert_eq!(serde_json::from_str::<String>(&json_string(&text)).unwrap(), text, "U+{code:04X}");
    }
}

#[test]
fn resources_are_counters_warnings_instants_and_the_await_graph_flows() {
    let scenario = Scenario::new(ScenarioId::Gallery(
        async_playground::scenarios::gallery::GALLERY.iter().position(|p| p.name == "queue").unwrap() as u8,
    ));
    let run = scenario.run_virtual();
    let trace = parse(&chrome_trace(&run.timeline(), &run.events, &process_name(&scenario), ""));
    // The queue's level over time, as a counter track named after its variable.
    let counters = of_phase(&trace, "C");
    assert!(!counters.is_empty());
    let levels: Vec<u64> = counters.iter().map(|c| c["args"]["level"].as_u64().unwrap()).collect();
    assert!(counters.iter().all(|c| c["name"].as_str().unwrap().ends_with("(queue)")), "{counters:?}");
    assert!(levels.iter().any(|&l| l > 0) && levels.last() == Some(&0), "{levels:?}");
    // Every flow has its start and its finish, by id; creation arrows start on the parent's track.
    let starts = of_phase(&trace, "s");
    let finishes = of_phase(&trace, "f");
    assert_eq!(starts.len(), finishes.len());
    assert!(starts.iter().any(|s| s["name"] == "create_task" && s["tid"] == 1), "{starts:?}");
    for (s, f) in starts.iter().zip(&finishes) {
        assert_eq!(s["id"], f["id"]);
        assert!(s["ts"].as_u64() <= f["ts"].as_u64());
    }

    // A forgotten await: the warning is a global instant at its moment.
    let scenario = Scenario::new(ScenarioId::Gallery(
        async_playground::scenarios::gallery::GALLERY.iter().position(|p| p.name == "forgot-await").unwrap() as u8,
    ));
    let run = scenario.run_virtual();
    let trace = parse(&chrome_trace(&run.timeline(), &run.events, &process_name(&scenario), ""));
    let warnings: Vec<_> = of_phase(&trace, "i").into_iter().filter(|e| e["cat"] == "warning").collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0]["name"], "RuntimeWarning: coroutine 'save' was never awaited");
    assert_eq!(warnings[0]["args"]["kind"], "never-awaited");
}
