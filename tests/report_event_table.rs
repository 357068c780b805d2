//! The table view's words for each event (`report::event_table`), as snapshots: what a screen
//! reader reads row by row, and what the scrubber says about the event under its cursor.
//!
//! After an intended change, review and accept the new snapshots with:
//!
//!     UPDATE_EXPECT=1 cargo test --test report_event_table
#![cfg(not(target_arch = "wasm32"))]

use async_playground::engine::{Event, EventKind, PyValue};
use async_playground::report::event_table::{describe, rows, task_names};
use async_playground::report::numbers::{secs, thousands};
use async_playground::scenarios::{Scenario, ScenarioId};
use expect_test::{expect, Expect};

/// The rows of `id`'s ideal run in `mode` ("" = the default), one per line: time, task, words.
fn check(id: ScenarioId, mode: &str, expect: Expect) {
    let mut scenario = Scenario::new(id);
    if !mode.is_empty() {
        scenario.set_mode(mode).unwrap();
    }
    let table: String = rows(&scenario.run_virtual().events)
        .iter()
        .map(|row| format!("{:<9} {:<8} {}\n", secs(row.at), row.task_name, row.what))
        .collect();
    expect.assert_eq(&table);
}

#[test]
fn coroutine_rows() {
    check(
        ScenarioId::Coroutine,
        "",
        expect![[r#"
            0.000 s   main     created by asyncio.run: fetch_data()
            0.000 s   main     starts running
            0.000 s   main     prints “<coroutine object fetch_data at 0x107d12f80>”
            0.000 s   main     prints “Starting to fetch...”
            0.000 s   main     waits on sleep(2) (due at 2.000 s)
            2.000 s   main     resumes
            2.000 s   main     prints “Data fetched!”
            2.000 s   main     prints “{'data': 'example'}”
            2.000 s   main     returns None
        "#]],
    );
}

#[test]
fn cancellation_rows() {
    check(
        ScenarioId::Background,
        "",
        expect![[r#"
            0.000 s   main     created by asyncio.run: main()
            0.000 s   main     starts running
            0.000 s   task     created by main: background_task()
            0.000 s   main     waits on sleep(10) (due at 10.000 s)
            0.000 s   task     starts running
            0.000 s   task     prints “Background work...”
            0.000 s   task     waits on sleep(5) (due at 5.000 s)
            5.000 s   task     resumes
            5.000 s   task     prints “Background work...”
            5.000 s   task     waits on sleep(5) (due at 10.000 s)
            10.000 s  main     resumes
            10.000 s  task     cancel() requested by main
            10.000 s  main     prints “Time: 10.00s”
            10.000 s  main     returns None
            10.000 s  task     cancel() requested as the run ends
            10.000 s  task     CancelledError raised at sleep(5)
            10.000 s  task     ends cancelled
        "#]],
    );
}

#[test]
fn cpu_rows() {
    check(
        ScenarioId::CpuVsIo,
        "blocking",
        expect![[r#"
            0.000 s   main     created by asyncio.run: main()
            0.000 s   main     starts running
            0.000 s   io1      created by main: io_task('io1', 0.3)
            0.000 s   io2      created by main: io_task('io2', 0.6)
            0.000 s   cpu      created by main: crunch(1)
            0.000 s   main     waits on gather(io1, io2, cpu)
            0.000 s   io1      starts running
            0.000 s   io1      waits on sleep(0.3) (due at 0.300 s)
            0.000 s   io2      starts running
            0.000 s   io2      waits on sleep(0.6) (due at 0.600 s)
            0.000 s   cpu      starts running
            0.000 s   cpu      CPU-bound work starts: cpu_work(1) holds the thread, no other task can run until it ends
            1.000 s   cpu      CPU-bound work ends: the thread is free again
            1.000 s   cpu      prints “CPU work done at 1.00s”
            1.000 s   cpu      returns None
            1.000 s   io1      resumes
            1.000 s   io1      prints “io1 woke up at 1.00s (asked for 0.3s)”
            1.000 s   io1      returns None
            1.000 s   io2      resumes
            1.000 s   io2      prints “io2 woke up at 1.00s (asked for 0.6s)”
            1.000 s   io2      returns None
            1.000 s   main     resumes
            1.000 s   main     prints “Time: 1.00s”
            1.000 s   main     returns None
        "#]],
    );
}

#[test]
fn sequential_fetch_rows() {
    check(
        ScenarioId::FetchUrls,
        "sequential",
        expect![[r#"
            0.000 s   main     created by asyncio.run: main()
            0.000 s   main     starts running
            0.000 s   main     prints “Synchronous style:”
            0.000 s   main     awaits fetch_url(session, 'https://api.github.com/users/python') directly (no new task: it runs inside this one)
            0.000 s   main     sends GET https://api.github.com/users/python
            0.000 s   main     waits on GET https://api.github.com/users/python
            0.300 s   main     gets the response's status and headers: 200 OK
            0.300 s   main     resumes
            0.300 s   main     reads the response body: 1,263 characters
            0.300 s   main     the directly awaited call returns
            0.300 s   main     prints “Fetched 1263 bytes from https://api.github.com/users/python”
            0.300 s   main     awaits fetch_url(session, 'https://api.github.com/users/github') directly (no new task: it runs inside this one)
            0.300 s   main     sends GET https://api.github.com/users/github
            0.300 s   main     waits on GET https://api.github.com/users/github
            0.600 s   main     gets the response's status and headers: 200 OK
            0.600 s   main     resumes
            0.600 s   main     reads the response body: 1,241 characters
            0.600 s   main     the directly awaited call returns
            0.600 s   main     prints “Fetched 1241 bytes from https://api.github.com/users/github”
            0.600 s   main     awaits fetch_url(session, 'https://api.github.com/users/torvalds') directly (no new task: it runs inside this one)
            0.600 s   main     sends GET https://api.github.com/users/torvalds
            0.600 s   main     waits on GET https://api.github.com/users/torvalds
            0.900 s   main     gets the response's status and headers: 200 OK
            0.900 s   main     resumes
            0.900 s   main     reads the response body: 1,223 characters
            0.900 s   main     the directly awaited call returns
            0.900 s   main     prints “Fetched 1223 bytes from https://api.github.com/users/torvalds”
            0.900 s   main     prints “Time: 0.90s”
            0.900 s   main     returns None
        "#]],
    );
}

#[test]
fn the_words_for_what_the_chapter_runs_do_not_show() {
    let names = vec!["main".to_string(), "task1".to_string()];
    let say = |kind: EventKind| describe(&Event { at: 0, task: 1, kind }, &names);
    assert_eq!(
        say(EventKind::Created { name: "task1".into(), coro: "say_hello('Alice', 2)".into(), parent: Some(0) }),
        "created by main: say_hello('Alice', 2)"
    );
    assert_eq!(say(EventKind::Returned { value: PyValue::str("Alice done") }), "returns 'Alice done'");
    assert_eq!(say(EventKind::Failed { error: "ValueError: bad".into() }), "fails: ValueError: bad");
    assert_eq!(say(EventKind::CancelRequested { by: None }), "cancel() requested as the run ends");
    assert_eq!(say(EventKind::Printed { text: String::new() }), "prints an empty line");
    assert_eq!(say(EventKind::Printed { text: "a\nb\n".into() }), "prints “a ⏎ b”");
    assert_eq!(
        say(EventKind::HttpFailed { req: 0, kind: "TimeoutError".into(), message: String::new() }),
        "request fails: TimeoutError"
    );
    assert_eq!(
        say(EventKind::CallEnded { error: Some("TimeoutError".into()) }),
        "the directly awaited call raises TimeoutError"
    );
    // A long value (a fetched body) is cut, on one line.
    let long = say(EventKind::Returned { value: PyValue::str("x\n".repeat(100)) });
    assert!(long.ends_with('…') && long.chars().count() < 100 && !long.contains('\n'), "{long}");
    // A task the names do not know (a view of part of a log) still gets a name.
    assert_eq!(
        describe(&Event { at: 0, task: 7, kind: EventKind::CancelRequested { by: Some(9) } }, &names),
        "cancel() requested by task 9"
    );
}

#[test]
fn names_and_rows_follow_the_created_events() {
    let run = Scenario::new(ScenarioId::SayHello).run_virtual();
    assert_eq!(task_names(&run.events), ["main", "task1", "task2", "task3"]);
    let rows = rows(&run.events);
    assert_eq!(rows.len(), run.events.len());
    assert!(rows.iter().zip(&run.events).all(|(row, event)| row.at == event.at && row.task == event.task));
    assert_eq!(thousands(400_000), "400,000");
    assert_eq!(thousands(999), "999");
}

/// A resource's operations are described with its variable's name and what it holds after.
#[test]
fn resource_operations_name_the_resource_and_its_state() {
    let source = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/gallery/lock.py")).unwrap();
    let run = async_playground::python::run_virtual(&source).unwrap();
    let rows = async_playground::report::event_table::rows(&run.events);
    let said: Vec<&str> = rows.iter().map(|r| r.what.as_str()).filter(|w| w.starts_with("lock.")).take(3).collect();
    assert_eq!(
        said,
        [
            "lock.acquire(): held by deposit_locked(ann)",
            "lock.release(): nobody holds it now",
            "lock.acquire(): held by deposit_locked(bob)"
        ]
    );
    assert!(
        rows.iter().any(|r| r.what == "makes lock, an asyncio Lock"),
        "{:?}",
        rows.iter().map(|r| &r.what).collect::<Vec<_>>()
    );
}
